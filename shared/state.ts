// The room state the engine computes: the body of `room:snapshot`, `room:tick` and GET /state.
// Ratios are null when their denominator is zero or the measure is missing (a barrage-only source has no
// orders): the screen shows "—", never a fake 0.
import { type Static, Type } from '@sinclair/typebox';
import { QuestionEntrySchema, QuestionStatsSchema } from './questions.ts';

const Num = Type.Number();
const NullableNum = Type.Union([Type.Number(), Type.Null()]);

export const ChangeSchema = Type.Object({ now: NullableNum, prev: NullableNum, pct: NullableNum });
export type Change = Static<typeof ChangeSchema>;

export const HotWordSchema = Type.Object({ word: Type.String(), count: Num, rising: Type.Boolean() });
export type HotWord = Static<typeof HotWordSchema>;

export const FUNNEL_STAGES = ['exposure', 'enter', 'productExposure', 'productClick', 'orderCreated', 'paid'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FunnelSchema = Type.Object({
  /** Unique people per stage (直播间曝光 is a count of exposures: platforms give no people there). */
  stages: Type.Object({
    exposure: Num,
    enter: Num,
    productExposure: Num,
    productClick: Num,
    orderCreated: Num,
    paid: Num,
  }),
  rates: Type.Object({
    /** 进入率 = entered viewers ÷ room exposures */
    enter: NullableNum,
    /** 商品曝光率 = product-exposed users ÷ entered viewers */
    productExposure: NullableNum,
    /** 商品点击率 = click users ÷ product-exposure users */
    click: NullableNum,
    /** 点击-创建 = order-creating users ÷ click users */
    clickToOrder: NullableNum,
    /** 创建-成交 = paying users ÷ order-creating users */
    orderToPaid: NullableNum,
    /** 成交转化率 = paying users ÷ entered viewers */
    conversion: NullableNum,
  }),
});
export type Funnel = Static<typeof FunnelSchema>;

export const ProductStatsSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  price: Num,
  /**
   * Remaining stock now (库存, shared/metrics/stock.ts): `stockStart` minus the units ordered since it was set,
   * never below 0; null for a product the catalogue does not list (events named it first).
   */
  stock: NullableNum,
  /**
   * The catalogue figure the remaining stock counts down from: the latest one that changed this product's
   * stock. Optional only because states stored before live stock lack it (replay shows them as they were).
   */
  stockStart: Type.Optional(NullableNum),
  /** Units ordered this session (sum of created orders' quantity, unpaid included); optional as above. */
  unitsOrdered: Type.Optional(Num),
  exposureUsers: Num,
  clickUsers: Num,
  orderUsers: Num,
  payUsers: Num,
  orders: Num,
  gmv: Num,
  paid: Num,
  clickRate: NullableNum,
  conversion: NullableNum,
  explaining: Type.Boolean(),
  explainSeconds: Num,
  /** Orders and GMV created while this product was being explained (讲解). */
  explainOrders: Num,
  explainGmv: Num,
  /** 正在去买 this session (purchase_intent counts) and the platform's latest 热抢 figure; optional, additive. */
  buyIntents: Type.Optional(Num),
  hotBuy: Type.Optional(NullableNum),
});
export type ProductStats = Static<typeof ProductStatsSchema>;

export const SourceHealthSchema = Type.Object({
  kind: Type.String(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('stale'), Type.Literal('error'), Type.Literal('idle')]),
  lastEventAt: NullableNum,
  lastSuccessAt: NullableNum,
  lagMs: NullableNum,
  error: Type.Union([Type.String(), Type.Null()]),
  /** Which of the room's sources (a room may run a live feed, a shop feed and the simulator at once). */
  id: Type.Optional(Type.String()),
  /** A connector's link state, for the badge: 连接中 / 直播中 / N 秒后重连 / 未开播 / 认证失败. */
  phase: Type.Optional(
    Type.Union([
      Type.Literal('connecting'),
      Type.Literal('live'),
      Type.Literal('reconnecting'),
      Type.Literal('offline'),
      Type.Literal('auth_failed'),
      Type.Literal('waiting'),
      Type.Literal('stopped'),
    ]),
  ),
  /** Wall time (ms) of the next reconnect attempt while reconnecting. */
  retryAt: Type.Optional(NullableNum),
  /** Messages decoded, messages of kinds we do not map (counted, ignored), and frames that failed to decode. */
  messages: Type.Optional(Num),
  unknown: Type.Optional(Num),
  garbage: Type.Optional(Num),
  /** A fact about this source's figures the screen shows beside its state (e.g. order amounts pending). */
  note: Type.Optional(Type.String()),
  /** The platform sends only part of a busy room's messages: per-viewer figures from it are samples (采样). */
  sampled: Type.Optional(Type.Boolean()),
  /**
   * The platform hides who the viewers are (Bilibili without login: uid 0, 观众***; Douyin anonymous rooms:
   * id 111111, 用***): entries and comments are counted, distinct-viewer figures are unavailable.
   */
  masked: Type.Optional(Type.Boolean()),
});
export type SourceHealth = Static<typeof SourceHealthSchema>;

export const CommentLineSchema = Type.Object({
  ts: Num,
  userId: Type.Union([Type.String(), Type.Null()]),
  /** The platform's display name when the feed gives one: the ticker shows it instead of the id. */
  nickname: Type.Optional(Type.String()),
  text: Type.String(),
});
export type CommentLine = Static<typeof CommentLineSchema>;

/** A conversion stage's alert: judged, still learning the room's usual rate, or not judgeable from the feed. */
export const StageStateSchema = Type.Union([
  Type.Literal('judged'),
  Type.Literal('learning'),
  Type.Literal('noExposures'),
  Type.Literal('noClicks'),
  Type.Literal('noOrders'),
  Type.Literal('noPayments'),
]);
export type StageState = Static<typeof StageStateSchema>;

export const RoomStateSchema = Type.Object({
  roomId: Type.String(),
  seq: Num,
  /** Engine time (event time), ms since the epoch. */
  ts: Num,
  online: Num,
  peakOnline: Num,
  /** true when online comes from enter/leave events; false when from online_count gauges */
  onlineFromEvents: Type.Boolean(),
  /** 累计观看人数: the platform's own count when the feed gives it (viewer_total), else the distinct viewers seen. */
  cumulativeViewers: Num,
  /** Distinct viewers the feed showed; the per-viewer rates (互动率, 转粉率) use it, as samples of the room. */
  viewersSeen: Type.Optional(Num),
  /** viewersSeen ÷ the platform's count: the share a sampled feed shows (null when the platform gives none). */
  feedShare: Type.Optional(NullableNum),
  avgWatchSeconds: NullableNum,
  /** True when avgWatchSeconds is estimated (online ÷ arrival rate) because the feed has no departures. */
  avgWatchEstimated: Type.Optional(Type.Boolean()),
  entriesPerMin: Num,
  exitsPerMin: Num,
  comments: Num,
  commentsPerMin: Num,
  commentUsers: Num,
  likes: Num,
  follows: Num,
  shares: Num,
  giftValue: Num,
  interactionRate: NullableNum,
  followRate: NullableNum,
  funnel: FunnelSchema,
  orders: Num,
  paidOrders: Num,
  gmv: Num,
  paid: Num,
  refunds: Num,
  uvValue: NullableNum,
  gpm: NullableNum,
  hasCommerce: Type.Boolean(),
  explaining: Type.Union([Type.String(), Type.Null()]),
  change5m: Type.Object({
    online: ChangeSchema,
    entriesPerMin: ChangeSchema,
    avgWatchSeconds: ChangeSchema,
    comments: ChangeSchema,
    gmv: ChangeSchema,
    orders: ChangeSchema,
    conversion: ChangeSchema,
  }),
  products: Type.Array(ProductStatsSchema),
  hotWords: Type.Object({
    '1m': Type.Array(HotWordSchema),
    '5m': Type.Array(HotWordSchema),
    session: Type.Array(HotWordSchema),
  }),
  recentComments: Type.Array(CommentLineSchema),
  source: SourceHealthSchema,
  /** Every source of the room with its own health, when it has more than push (GET /api/rooms/:id/sources). */
  sources: Type.Optional(Type.Array(SourceHealthSchema)),
  /** The top open questions (shared/questions.ts), by askers × recency. Optional: states stored before lack it. */
  questions: Type.Optional(Type.Array(QuestionEntrySchema)),
  /** The session's question figures so far (the report reads the last state's). */
  questionStats: Type.Optional(QuestionStatsSchema),
  /** Whether each conversion alert stage can be judged from this feed, and if not why (the alert panel says so
   * in words instead of staying silent). Absent with the classic detector. */
  alertStages: Type.Optional(Type.Object({ click: StageStateSchema, order: StageStateSchema, pay: StageStateSchema })),
});
export type RoomState = Static<typeof RoomStateSchema>;

/** [ts, value] points, oldest first. */
export const SeriesSchema = Type.Array(Type.Tuple([Num, Num]));
export const RoomSnapshotSchema = Type.Object({
  state: RoomStateSchema,
  series: Type.Object({ online: SeriesSchema }),
});
export type RoomSnapshot = Static<typeof RoomSnapshotSchema>;
