// The Bilibili packet decoder: round trips, several packets per frame, nested compression, and any bytes at
// all decode without throwing (garbage is counted, never fatal).
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  encodeMessages,
  encodePacket,
  OP,
  VER,
} from '../../../server/sources/connectors/bilibili/packet.ts';

describe('Bilibili packets', () => {
  it('round-trips messages through plain, zlib and brotli bodies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cmd: fc.string(), n: fc.integer() }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom(0, 2, 3),
        (msgs, ver) => {
          const { packets, garbage } = decodeFrame(encodeMessages(msgs, ver as 0 | 2 | 3));
          expect(garbage).toEqual([]);
          expect(packets.map((p) => (p.op === OP.message ? p.body : null))).toEqual(msgs);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads the heartbeat reply and the auth reply', () => {
    const pop = Buffer.alloc(4);
    pop.writeUInt32BE(777);
    const frame = Buffer.concat([
      encodePacket(OP.authReply, { code: -101 }),
      encodePacket(OP.heartbeatReply, pop, VER.int),
    ]);
    expect(decodeFrame(frame).packets).toEqual([
      { op: OP.authReply, code: -101 },
      { op: OP.heartbeatReply, popularity: 777 },
    ]);
  });

  it('never throws on arbitrary bytes, and keeps what decoded before the garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const good = encodePacket(OP.message, { cmd: 'X' });
        const out = decodeFrame(Buffer.concat([good, Buffer.from(bytes)]));
        expect(out.packets[0]).toEqual({ op: OP.message, body: { cmd: 'X' } });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses nested compression and bad lengths', () => {
    const inner = encodeMessages([{ cmd: 'A' }], VER.zlib);
    const nested = encodeMessages([], VER.json);
    expect(nested.length).toBe(0);
    const doubly = encodePacket(OP.message, deflateSync(inner), VER.zlib);
    expect(decodeFrame(doubly).garbage).toEqual(['nested compression']);
    const zero = Buffer.alloc(16);
    expect(decodeFrame(zero).garbage[0]).toMatch(/bad packet length/);
  });
});
