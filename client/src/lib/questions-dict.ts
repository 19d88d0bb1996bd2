// Labels of the question queue and the action ledger, both languages (kept beside the feature so the shared
// dicts stay untouched; same shape as them).
import { useMemo } from 'react';
import {
  ACTION_NAMES_ZH,
  type ActionKind,
  type EffectMetric,
  METRIC_NAMES_ZH,
  type Verdict,
} from '../../../shared/effects.ts';
import { type QuestionTopic, TOPIC_NAMES_ZH } from '../../../shared/questions.ts';
import { useUiStore } from '../stores/ui-store.ts';
import type { Lang } from './i18n.ts';

const ZH = {
  questions: '观众提问',
  noQuestions: '暂无未回答的问题',
  askers: '人问',
  toPrompter: '提词',
  answered: '已答',
  ignore: '忽略',
  cued: '已提词',
  rising: '上升',
  nextQuestion: '下一个问题',
  markAction: '标记动作',
  lastAction: '上一个动作',
  noAction: '还没有标记动作',
  noteOpt: '话术（可选）',
  marked: '已标记',
  ledger: '动作效果账本',
  ledgerAcross: '近几场汇总',
  noLedger: '本场没有动作',
  questionsReport: '观众提问',
  asked: '提问',
  shareAnswered: '回答率',
  medianAnswer: '回答用时中位数',
  topUnanswered: '未回答的热门问题',
  topic: '话题',
  product: '商品',
  action: '动作',
  metric: '指标',
  change: '变化',
  time: '时间',
  noProduct: '（未关联商品）',
  times: '次',
  err_unknown_question: '问题已不在队列中',
  err_question_closed: '问题已回答或已忽略',
  err_too_many_cues: '提词太多，请先取消或等待',
  err_forbidden: '此席位无权操作',
  err_offline: '未连接服务器',
  err_timeout: '服务器未响应',
  err_other: '操作失败，请重试',
  verdict_up: '上升',
  verdict_down: '下降',
  verdict_flat: '≈0',
  verdict_uncertain: '不确定',
} as const;
type Key = keyof typeof ZH;

const EN: Record<Key, string> = {
  questions: 'Viewer questions',
  noQuestions: 'No unanswered questions',
  askers: 'asked',
  toPrompter: 'To host',
  answered: 'Answered',
  ignore: 'Ignore',
  cued: 'sent',
  rising: 'rising',
  nextQuestion: 'Next question',
  markAction: 'Mark an action',
  lastAction: 'Last action',
  noAction: 'No action marked yet',
  noteOpt: 'script (optional)',
  marked: 'Marked',
  ledger: 'Action ledger',
  ledgerAcross: 'Recent sessions',
  noLedger: 'No actions this session',
  questionsReport: 'Viewer questions',
  asked: 'asked',
  shareAnswered: 'answered',
  medianAnswer: 'median time to answer',
  topUnanswered: 'Top unanswered',
  topic: 'Topic',
  product: 'Product',
  action: 'Action',
  metric: 'Figure',
  change: 'Change',
  time: 'Time',
  noProduct: '(no product)',
  times: 'times',
  err_unknown_question: 'The question is no longer in the queue',
  err_question_closed: 'Already answered or ignored',
  err_too_many_cues: 'Too many open cues; cancel some first',
  err_forbidden: 'This seat may not do that',
  err_offline: 'Not connected',
  err_timeout: 'The server did not answer',
  err_other: 'That failed; try again',
  verdict_up: 'up',
  verdict_down: 'down',
  verdict_flat: '≈0',
  verdict_uncertain: 'uncertain',
};

const TOPIC_EN: Record<QuestionTopic, string> = {
  price: 'price/discount',
  size: 'size/spec',
  shipping: 'shipping',
  aftersale: 'returns',
  stock: 'stock',
  usage: 'how to use',
  quality: 'authenticity/quality',
  other: 'other',
};
const METRIC_EN: Record<EffectMetric, string> = {
  online: 'online',
  entriesPerMin: 'entries/min',
  clickRate: 'click rate',
  clickToOrder: 'click→order',
  gmvPerMin: 'GMV/min',
};
const ACTION_EN: Record<ActionKind, string> = {
  pin: 'pin card',
  flash_sale: 'flash sale',
  coupon: 'coupon',
  lucky_bag: 'lucky bag',
  boost_on: 'ads on',
  boost_off: 'ads off',
  cue: 'cue',
  explain: 'explain',
  price_change: 'price change',
};

export interface QDict {
  (key: Key): string;
  topic(t: QuestionTopic): string;
  metric(m: EffectMetric): string;
  action(a: string): string;
  verdict(v: Verdict): string;
  error(code: string): string;
}

export function qDict(lang: Lang): QDict {
  const d = lang === 'en' ? EN : ZH;
  const f = ((key: Key) => d[key]) as QDict;
  f.topic = (t) => (lang === 'en' ? TOPIC_EN : TOPIC_NAMES_ZH)[t];
  f.metric = (m) => (lang === 'en' ? METRIC_EN : METRIC_NAMES_ZH)[m];
  f.action = (a) => (lang === 'en' ? ACTION_EN : ACTION_NAMES_ZH)[a as ActionKind] ?? a;
  f.verdict = (v) => d[`verdict_${v}`];
  f.error = (code) => d[`err_${code}` as Key] ?? d.err_other;
  return f;
}

export function useQT(): QDict {
  const lang = useUiStore((s) => s.lang);
  return useMemo(() => qDict(lang), [lang]);
}
