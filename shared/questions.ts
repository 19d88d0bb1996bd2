// Viewers' questions, grouped: what the engine keeps in the room state (`questions`), what the 助播 console,
// the big screen, the prompter and the 复盘 report show. Topics are fixed; their names are the screens' business.
import { type Static, Type } from '@sinclair/typebox';

export const QUESTION_TOPICS = [
  'price',
  'size',
  'shipping',
  'aftersale',
  'stock',
  'usage',
  'quality',
  'other',
] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

/** Chinese names of the topics (the English dict has its own). */
export const TOPIC_NAMES_ZH: Record<QuestionTopic, string> = {
  price: '价格/优惠',
  size: '尺码/规格',
  shipping: '发货/物流',
  aftersale: '售后/退换',
  stock: '库存',
  usage: '使用方法/适用',
  quality: '真假/品质',
  other: '其他',
};

export type QuestionStatus = 'open' | 'cued' | 'answered' | 'ignored';

export const QuestionEntrySchema = Type.Object({
  id: Type.String(),
  /** The first wording asked, as shown (the group's later variants count as the same question). */
  text: Type.String(),
  topic: Type.Union(QUESTION_TOPICS.map((t) => Type.Literal(t))),
  productId: Type.Union([Type.String(), Type.Null()]),
  /** Distinct viewers who asked (lines without a viewer id count once each). */
  askers: Type.Number(),
  firstAt: Type.Number(),
  lastAt: Type.Number(),
  /** More askers in the last minute than in the minute before. */
  rising: Type.Boolean(),
  status: Type.Union([Type.Literal('open'), Type.Literal('cued'), Type.Literal('answered'), Type.Literal('ignored')]),
  /** The cue that sent it to the prompter, while cued or once answered by its ack. */
  cueId: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Type.Number(), Type.Null()]),
});
export type QuestionEntry = Static<typeof QuestionEntrySchema>;

/** The cue text for a question: `回答：尺码偏大吗（23人问）`. */
export function questionCueText(q: Pick<QuestionEntry, 'text' | 'askers'>): string {
  return `回答：${q.text}（${q.askers}人问）`;
}

/** Sort key of the live queue: askers × recency (halves every two minutes since the last ask). */
export function queueScore(q: Pick<QuestionEntry, 'askers' | 'lastAt'>, now: number): number {
  return q.askers * 2 ** (-Math.max(0, now - q.lastAt) / 120_000);
}

/** How many open questions the room state carries (the queue's top; the console, screen and prompter show it). */
export const QUESTIONS_IN_STATE = 8;

export const QuestionCountSchema = Type.Object({
  key: Type.String(),
  /** Distinct questions (grouped) and the viewers who asked them. */
  questions: Type.Number(),
  askers: Type.Number(),
  answered: Type.Number(),
});
export type QuestionCount = Static<typeof QuestionCountSchema>;

/** The session's questions so far, for the 复盘 report (read from the session's last state). */
export const QuestionStatsSchema = Type.Object({
  questions: Type.Number(),
  askers: Type.Number(),
  answered: Type.Number(),
  ignored: Type.Number(),
  /** Median of answeredAt − firstAt over answered questions; null before any answer. */
  medianAnswerMs: Type.Union([Type.Number(), Type.Null()]),
  byTopic: Type.Array(QuestionCountSchema),
  /** Keyed by product id ('' for questions tied to no product). */
  byProduct: Type.Array(QuestionCountSchema),
});
export type QuestionStats = Static<typeof QuestionStatsSchema>;
