// The live event model: one TypeBox schema per event type is the single source of the types.
// `ts` is event time (ms since the epoch) and drives every window in the engine; `id` is an optional
// idempotency key: a repeated id in the same room is stored and counted once.
import { type Static, type TObject, Type } from '@sinclair/typebox';
import {
  MAX_AMOUNT,
  MAX_EVENT_TS_MS,
  MAX_ID_CHARS,
  MAX_NICKNAME_CHARS,
  MAX_PRODUCTS,
  MAX_TEXT_CHARS,
} from './constants.ts';

/** The marked actions (shared/effects.ts names them and says which figure each one targets). */
export const MARKED_ACTIONS = ['pin', 'flash_sale', 'coupon', 'lucky_bag', 'boost_on', 'boost_off'] as const;
export type MarkedAction = (typeof MARKED_ACTIONS)[number];

const Id = Type.String({ minLength: 1, maxLength: MAX_ID_CHARS });
const Amount = Type.Number({ minimum: 0, maximum: MAX_AMOUNT });
const Count = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
/** The platform's display name, kept for the barrage ticker only (nothing else of the viewer is stored). */
const Nickname = Type.Optional(Type.String({ maxLength: MAX_NICKNAME_CHARS }));

const base = {
  ts: Type.Integer({ minimum: 0, maximum: MAX_EVENT_TS_MS }),
  id: Type.Optional(Id),
};

function event<T extends string, P extends Record<string, import('@sinclair/typebox').TSchema>>(type: T, fields: P) {
  return Type.Object({ type: Type.Literal(type), ...base, ...fields }, { additionalProperties: false });
}

export const EventSchemas = {
  /**
   * An entry. Without `userId` the platform hid who entered (an anonymous or masked viewer): counted as an
   * entry, never as a distinct viewer, and never as online (no leave can close it).
   */
  viewer_enter: event('viewer_enter', { userId: Type.Optional(Id) }),
  viewer_leave: event('viewer_leave', { userId: Id }),
  online_count: event('online_count', { count: Count }),
  /** The platform's own count of viewers so far (场观, Bilibili's 看过): preferred for the card over the feed's. */
  viewer_total: event('viewer_total', { count: Count }),
  room_exposure: event('room_exposure', { count: Count }),
  comment: event('comment', {
    userId: Type.Optional(Id),
    nickname: Nickname,
    text: Type.String({ minLength: 1, maxLength: MAX_TEXT_CHARS }),
  }),
  like: event('like', { userId: Type.Optional(Id), count: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
  follow: event('follow', { userId: Id }),
  share: event('share', { userId: Type.Optional(Id) }),
  gift: event('gift', {
    userId: Type.Optional(Id),
    nickname: Nickname,
    name: Type.Optional(Type.String({ maxLength: 64 })),
    value: Amount,
  }),
  product_exposure: event('product_exposure', { productId: Id, userId: Type.Optional(Id) }),
  product_click: event('product_click', { productId: Id, userId: Type.Optional(Id) }),
  order_created: event('order_created', {
    orderId: Id,
    productId: Id,
    userId: Type.Optional(Id),
    amount: Amount,
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    /**
     * The shop's message did not carry the amount (抖店 tag 100 without an order-detail lookup): `amount` is
     * not counted, and the order enters GMV when its payment brings the amount.
     */
    amountUnknown: Type.Optional(Type.Literal(true)),
  }),
  order_paid: event('order_paid', { orderId: Id, amount: Amount }),
  refund: event('refund', { orderId: Id, amount: Amount }),
  /**
   * Viewers heading to buy (Bilibili 正在去买 / 热抢): `count` new ones, or `hot` the platform's running figure
   * for the product. Without `productId` it is the product being explained (讲解). Not an order: no GMV.
   */
  purchase_intent: event('purchase_intent', {
    productId: Type.Optional(Id),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    hot: Type.Optional(Count),
  }),
  explain_start: event('explain_start', { productId: Id }),
  explain_end: event('explain_end', { productId: Id }),
  /** A platform's counters over the interval (fromTs, ts] (data APIs answer with counts per minute, not events):
   * per product, or the room's when productId is absent. Each field is a count in that interval, not a running
   * total (a poll source turns totals into deltas). The funnel, product table, report and alerts count them as
   * they count single events; a field a room has had counters for is then counted from its counters only. */
  counters: event('counters', {
    productId: Type.Optional(Id),
    fromTs: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_EVENT_TS_MS })),
    cardExposures: Type.Optional(Count),
    clicks: Type.Optional(Count),
    orders: Type.Optional(Count),
    paidOrders: Type.Optional(Count),
    gmv: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_AMOUNT * 1000 })),
    paidAmount: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_AMOUNT * 1000 })),
  }),
  /** Explicit session boundaries: a start begins a new session at once, an end closes the current one. */
  session_start: event('session_start', {}),
  session_end: event('session_end', {}),
  /**
   * A platform tool the console cannot drive, marked by the team as it is used (置顶/讲解卡, 限时秒杀, 优惠券, 福袋,
   * 投流 on/off): the 复盘 ledger estimates what each one moved. `note` names the 话术 used, if any.
   */
  marked_action: event('marked_action', {
    action: Type.Union(MARKED_ACTIONS.map((a) => Type.Literal(a))),
    productId: Type.Optional(Id),
    note: Type.Optional(Type.String({ maxLength: 40 })),
  }),
} satisfies Record<string, TObject>;

export type EventType = keyof typeof EventSchemas;
export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[];

export const LiveEventSchema = Type.Union(Object.values(EventSchemas));
export type LiveEvent = Static<typeof LiveEventSchema>;
export type EventOf<T extends EventType> = Extract<LiveEvent, { type: T }>;
/** The count fields of a counters event. */
export const COUNTER_FIELDS = ['cardExposures', 'clicks', 'orders', 'paidOrders', 'gmv', 'paidAmount'] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EventSchemas, value);
}

export const ProductSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    price: Amount,
    stock: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  },
  { additionalProperties: false },
);
export type Product = Static<typeof ProductSchema>;
export const CatalogueSchema = Type.Array(ProductSchema, { maxItems: MAX_PRODUCTS });
