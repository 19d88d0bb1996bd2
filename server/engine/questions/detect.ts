// Is a barrage line a question, and about what? Rules on the normalised line decide the form (cheap, so most
// lines stop there); only a question is cut by jieba for its topic and its grouping words. Pure.
// A question needs a question word, an A不A or a final particle: a bare "?" is not enough (in the recordings
// 整尬的？ 还能洗？ are jabs as often as 睡了？ asks), so those questions are missed on purpose.

import type { QuestionTopic } from '../../../shared/questions.ts';
import { normaliseBarrage } from '../../../shared/text/normalise.ts';
import type { Tokenizer } from '../tokenizer-types.ts';
import { FILLERS, SYNONYMS, TOPIC_TERMS } from './lexicon.ts';

/** Question words that ask on their own wherever they stand. */
const ASKS =
  /什么时候|啥时候|多少|多久|多大|多长|多高|多重|几[点天号码折斤岁单件次时]|哪[里儿个家款种位]|在哪|去哪|为什么|为啥|咋|怎么|如何|请问|有没有|是不是|能不能|会不会|可不可以|要不要|行不行|好不好|([\p{Script=Han}])[不没]\1/u;
/** 什么 / 啥 / 谁 / 哪 ask too, but only after a verb or at the clause's end (什么材质, 穿啥码, 是谁啊). */
const ASKS_LATE = /(是|穿|选|用|发|叫|吃|画|干|做|在|有|送|买|抽)(什么|啥|谁)|(什么|啥|谁|哪)[啊呀呢]?$/u;
/** A clause ending in a question particle: 吗, 么 (not 什么 这么 …), 嘛, 不/没 after a verb. A bare X呢 is not
 * one: in the recordings it points more often than it asks (鼻子呢, 叫你们闭嘴呢). */
const PARTICLE = /(吗|(?<![什怎这那多要])么|(?<!干)嘛)[啊呀]?$|.{2}[不没]$/u;
/** 什么 / 啥 / 还是 ask when the clause is about something the lexicon knows (面霜什么价格, 选M还是L). */
const ASKS_ABOUT = /什么|啥|还是/u;
/** Exclamations and jabs in question form: 怎么这么好看, 什么鬼, 这是啥啊, 多少钱都值, …是吧. */
const NOT_ASKING =
  /怎么(这么|那么|都|又|就|还没|了$)|居然|竟然|这就是|难道|至于吗|真的有|(这么|那么|很|好)\S{1,4}(了)?吗|你知道吗|没人\S*吗|有什么不好|还能这样|都两说|去哪找|什么(臭|侏儒|东西啊)|(什么|啥)\S{1,2}(什么|啥)|(你|这)谁啊|都是什么|你\S*干(什么|啥|嘛)|什么(鬼|玩意|神仙)|是个啥|这(是|tm|踏马)?(个)?啥|真的假的|(多少|什么)\S*都(值|买|行)|不管|无论|我也想知道|同问|是吧$|就这|没(有)?(什么|啥|多少)|不是什么|什么都|谁都|哪怕|能不能(别|不要)|【/u;
/** A line opened by an exclamation (卧槽, 我去, 草) or 你们知道, or ending in "!", is a jab or a joke. */
const EXCLAIMED = /^(卧槽|我去|草|你们?知道)|!$/u;
/** …的吗 and 这是…吗 are rhetorical in chat (你是亲生的吗, 这是练习生吗) unless they ask about something the
 * lexicon knows (这是正品吗). */
const RHETORICAL_DE = /的吗$|^这就?是\S+吗$/u;
/** 什么X: an echo of what was said (什么派对, 什么老综艺), not a question, unless X is something to ask about. */
const ECHO = /^什么\S{1,8}$/u;
const CLAUSE_SPLIT = /[\s,.!?~…，。！？、；;:：()（）\p{S}]+/u;
const HAN = /\p{Script=Han}/gu;
/** 什么的 is "and such", not a question word. */
const ETC = /什么的/gu;

export interface Detected {
  topic: QuestionTopic;
  /** Canonical content words, for grouping near-duplicates. */
  words: string[];
}

/** The question form alone (no jieba): true for 尺码偏大吗, 什么时候发货, 睡了?; false for 好看, 什么鬼. */
export function looksLikeQuestion(text: string): boolean {
  return looksLikeQuestionNorm(normaliseBarrage(text));
}

/** Characters one of the rules needs: a line with none of them is no question (most lines stop here). */
const ANY_CUE = /[吗么嘛不没什啥谁哪几多怎为咋如请还]/u;

function looksLikeQuestionNorm(norm: string): boolean {
  if (!ANY_CUE.test(norm)) return false;
  if ((norm.match(HAN)?.length ?? 0) + (norm.match(/[a-z0-9]/g)?.length ?? 0) < 2) return false;
  const clauses = norm.replace(ETC, '').split(CLAUSE_SPLIT).filter(Boolean);
  if (EXCLAIMED.test(norm) || clauses.some((c) => NOT_ASKING.test(c))) return false;
  for (const c of clauses) {
    const other = () => topicOf([], c) === 'other';
    if (((ECHO.test(c) && !c.startsWith('什么时候')) || RHETORICAL_DE.test(c)) && other()) continue;
    if (ASKS.test(c) || ASKS_LATE.test(c) || PARTICLE.test(c)) return true;
    if (ASKS_ABOUT.test(c) && !other()) return true;
  }
  return false;
}

/** Every lexicon term in one alternation, longest first, so one pass over the line finds them all. */
const TERM_TOPICS = new Map<string, [QuestionTopic, number][]>();
for (const [topic, terms] of TOPIC_TERMS)
  for (const term in terms) TERM_TOPICS.set(term, [...(TERM_TOPICS.get(term) ?? []), [topic, terms[term]!]]);
/** Single weak characters (码, 贵, 钱) count only as jieba words of their own, never inside another word. */
const SUBSTRING_TERMS = [...TERM_TOPICS.keys()].filter(
  (t) => t.length > 1 || TERM_TOPICS.get(t)!.some(([, w]) => w === 2),
);
const TERM_RE = new RegExp(
  SUBSTRING_TERMS.sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'g',
);
const TOPIC_ORDER = new Map(TOPIC_TERMS.map(([t], i) => [t, i]));

/** The topic by the lexicon: the heaviest sum of distinct matched terms, ties to the earlier topic. */
export function topicOf(words: string[], norm: string): QuestionTopic {
  const found = new Set(norm.match(TERM_RE) ?? []);
  for (const w of words) if (TERM_TOPICS.has(w)) found.add(w);
  if (found.size === 0) return 'other';
  const score = new Map<QuestionTopic, number>();
  for (const term of found)
    for (const [topic, w] of TERM_TOPICS.get(term)!) score.set(topic, (score.get(topic) ?? 0) + w);
  let best: QuestionTopic = 'other';
  let bestScore = 0;
  for (const [topic, sc] of score)
    if (sc > bestScore || (sc === bestScore && TOPIC_ORDER.get(topic)! < TOPIC_ORDER.get(best)!))
      [best, bestScore] = [topic, sc];
  return best;
}

/** Null when the line is not a question; else its topic and grouping words (jieba via the engine's tokenizer). */
export function detectQuestion(text: string, tokenizer: Tokenizer): Detected | null {
  const norm = normaliseBarrage(text);
  if (!looksLikeQuestionNorm(norm)) return null;
  const raw = tokenizer.cut ? tokenizer.cut(norm) : tokenizer.tokenize(norm);
  const words: string[] = [];
  for (const w of raw) {
    const canon = SYNONYMS[w] ?? w;
    if (!FILLERS.has(canon) && !words.includes(canon)) words.push(canon);
  }
  return { topic: topicOf(raw, norm), words };
}
