// Bilibili's protobuf messages: `INTERACT_WORD_V2` and `SEND_GIFT_V2` carry their body base64-encoded in
// `data.pb`. The platform publishes no .proto; the field numbers are those the public decoders agree on
// (docs/CONNECTORS.md names them). Each is turned into the JSON shape of its V1 twin, so one mapping serves
// both; the fields we do not use are skipped.
import { PbFields } from '../pb-fields.ts';

/** INTERACT_WORD_V2 → INTERACT_WORD's data: uid 1, uname 2, msg_type 5 (1 enter, 2 follow, 3 share…). */
export function interactWordV2(pb: string): Record<string, unknown> {
  const f = PbFields.fromBase64(pb);
  return { uid: f.varint(1) ?? '0', uname: f.str(2) ?? '', msg_type: f.int(5) ?? 0 };
}

/**
 * SEND_GIFT_V2 → SEND_GIFT's data. Top level: uid 1, uname 2, gift item 10, sender uinfo 15 (uid 1, base 2 →
 * name 1). Gift item: gift_id 1, gift_name 2, num 3, price 5, total_coin 7, coin_type 8, tid 9. Only the first
 * item counts, as the platform's own web player does.
 */
export function sendGiftV2(pb: string): Record<string, unknown> | null {
  const f = PbFields.fromBase64(pb);
  const item = f.msg(10);
  if (!item) return null;
  const sender = f.msg(15);
  const senderName = sender?.msg(2, 1)?.str(1);
  const uid = sender?.varint(1);
  return {
    uid: uid && uid !== '0' ? uid : (f.varint(1) ?? '0'),
    uname: senderName || f.str(2) || '',
    giftId: item.int(1),
    giftName: item.str(2),
    num: item.int(3) ?? 1,
    price: item.int(5) ?? 0,
    total_coin: item.int(7),
    coin_type: item.str(8) || 'gold',
    tid: item.str(9),
  };
}
