// Is a barrage line a question, and about what? Rules on the normalised line decide the form (cheap, so most
// lines stop there); only a question is cut by jieba for its topic and its grouping words. Pure.

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
  /怎么(这么|那么|都|又|就|还没)|居然|竟然|这就是|什么(鬼|玩意|神仙)|是个啥|这(是|tm|踏马)?(个)?啥|真的假的|(多少|什么)\S*都(值|买|行)|不管|无论|我也想知道|同问|是吧$|就这|没(有)?(什么|啥|多少)|不是什么|什么都|谁都|哪怕|能不能(别|不要)|【/u;
/** 什么X: an echo of what was said (什么派对, 什么老综艺), not a question, unless X is something to ask about. */
const ECHO = /^什么\S{1,8}$/u;
/** A line that is only "?" asks when its clause says something (睡了? 嘉然不是队长?), not a bare name (勒夫?). */
const QMARK_PREDICATE = /[了是有能会在的过吗]/u;
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
  const norm = normaliseBarrage(text);
  if ((norm.match(HAN)?.length ?? 0) + (norm.match(/[a-z0-9]/g)?.length ?? 0) < 2) return false;
  const hasQ = norm.includes('?');
  const clauses = norm.replace(ETC, '').split(CLAUSE_SPLIT).filter(Boolean);
  if (clauses.some((c) => NOT_ASKING.test(c))) return false;
  for (const c of clauses) {
    if (ECHO.test(c) && !c.startsWith('什么时候') && topicOf([c], c) === 'other') continue;
    if (ASKS.test(c) || ASKS_LATE.test(c) || PARTICLE.test(c)) return true;
    if (ASKS_ABOUT.test(c) && topicOf([c], c) !== 'other') return true;
  }
  if (!hasQ) return false;
  // Only a question mark: the clause before it must predicate something and be more than a name.
  const lastAsked = norm.slice(0, norm.lastIndexOf('?')).split(CLAUSE_SPLIT).filter(Boolean).at(-1) ?? '';
  return (lastAsked.match(HAN)?.length ?? 0) >= 2 && QMARK_PREDICATE.test(lastAsked);
}

/** The topic by the lexicon: the heaviest sum of matched terms, ties to the earlier topic. */
export function topicOf(words: string[], norm: string): QuestionTopic {
  let best: QuestionTopic = 'other';
  let bestScore = 0;
  const seen = new Set(words);
  for (const [topic, terms] of TOPIC_TERMS) {
    let score = 0;
    for (const term in terms)
      if (seen.has(term) || ((term.length > 1 || terms[term] === 2) && norm.includes(term))) score += terms[term]!;
    if (score > bestScore) [best, bestScore] = [topic, score];
  }
  return best;
}

/** Null when the line is not a question; else its topic and grouping words (jieba via the engine's tokenizer). */
export function detectQuestion(text: string, tokenizer: Tokenizer): Detected | null {
  if (!looksLikeQuestion(text)) return null;
  const norm = normaliseBarrage(text);
  const raw = tokenizer.cut ? tokenizer.cut(norm) : tokenizer.tokenize(norm);
  const words: string[] = [];
  for (const w of raw) {
    const canon = SYNONYMS[w] ?? w;
    if (!FILLERS.has(canon) && !words.includes(canon)) words.push(canon);
  }
  return { topic: topicOf(raw, norm), words };
}
