// A shop platform's order push, reduced to what the room needs. Each platform (抖店, and in the same shape
// Kuaishou, WeChat Channels shop, Taobao) supplies one adapter: how its push is signed, and how its body
// turns into order messages. The webhook source does the rest (product mapping, idempotent ids, ingest).

export type ShopMessageKind = 'created' | 'paid' | 'refunded';

/** One order fact from the shop. Amounts in yuan; ids as the shop gives them. */
export interface ShopOrderMessage {
  kind: ShopMessageKind;
  /** Stable across the platform's retries of the same push: the event id is built from it. */
  key: string;
  orderId: string;
  amount: number;
  /** The shop's product id (mapped to the room's through the source's productMap). */
  shopProductId?: string;
  quantity?: number;
  buyerId?: string;
  /** The message carried no amount (`amount` is 0 and means nothing): completed by a lookup, or by payment. */
  amountUnknown?: true;
}

export interface ParsedPush {
  orders: ShopOrderMessage[];
  /** Messages of kinds the room does not use (shipping, address changes…): counted, acknowledged, ignored. */
  ignored: number;
}

export interface ShopAdapter {
  readonly platform: string;
  /** The platform's signature over the raw body; false refuses the push (401, nothing stored). */
  verify(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
    secret: string,
    appKey?: string,
  ): boolean;
  /** null when the (signed) body is not the platform's shape. */
  parse(rawBody: string): ParsedPush | null;
  /** What the platform expects back on success. */
  readonly okReply: unknown;
}
