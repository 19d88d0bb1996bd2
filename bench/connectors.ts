// Connectors: decode + map throughput of each connector against the push route's own decoding of the same
// events (JSON body → validated events), in one run; the same barrage end to end through the real server
// (local Bilibili protocol server vs HTTP push); and the delay from a message on the local protocol server to
// the next screen tick that shows it. Messages are the recorded fixtures, cycled with fresh ids.
import fs from 'node:fs';
import { parseEventsBody } from '../server/ingest/parse-body.ts';
import { validateEvent } from '../server/ingest/validate-event.ts';
import { BilibiliMapper } from '../server/sources/connectors/bilibili/bilibili-mapping.ts';
import { decodeFrame, encodeMessages, OP, VER } from '../server/sources/connectors/bilibili/packet.ts';
import { mapRelayFrame } from '../server/sources/connectors/douyin/douyin-mapping.ts';
import { parseJsonLongIds } from '../server/sources/connectors/map-helpers.ts';
import { doudianSign, douyinShop } from '../server/sources/connectors/shop/douyin-shop.ts';
import { type TikTokEventName, TikTokMapper } from '../server/sources/connectors/tiktok/tiktok-mapping.ts';
import type { LiveEvent } from '../shared/events.ts';
import { startBilibiliServer } from '../test/helpers/bilibili-server.ts';
import { conformanceCases } from '../test/helpers/conformance.ts';
import { connectLive, once, waitForState } from '../test/helpers/live-client.ts';
import { createRoom } from '../test/helpers/server.ts';
import { fmt, percentile, printRows, type Row, startServer } from './lib.ts';
import { postRaw } from './post-events.ts';

const N = Number(process.env.BENCH_CONNECTOR_MESSAGES ?? 60_000);
const PER_FRAME = 20;
const fixture = (f: string) =>
  JSON.parse(fs.readFileSync(new URL(`../test/fixtures/connectors/${f}`, import.meta.url), 'utf8'));

/** A recorded DANMU_MSG with a fresh message id and text, so nothing is deduplicated. */
function danmu(i: number): object {
  const m = structuredClone(fixture('bilibili-messages.json')[0]) as { info: unknown[] };
  const head = m.info[0] as unknown[];
  head[15] = { mode: 0, extra: JSON.stringify({ id_str: `bench${i}` }) };
  m.info[1] = `多少钱 ${i % 97}`;
  return m;
}

function rate(n: number, fn: () => number): number {
  fn(); // warm-up
  const t = performance.now();
  const events = fn();
  const sec = (performance.now() - t) / 1000;
  return (events || n) / sec;
}

function bilibiliFrames(messages: object[], ver: 0 | 2 | 3): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < messages.length; i += PER_FRAME) out.push(encodeMessages(messages.slice(i, i + PER_FRAME), ver));
  return out;
}

function decodeRates(): { rows: Row[]; httpRate: number } {
  const bili = fixture('bilibili-messages.json') as object[];
  const mix = Array.from({ length: N }, (_, i) => (i % 2 === 0 ? danmu(i) : bili[i % bili.length]!));
  const ts = Date.now();
  // The peer: the same events as a push body, decoded as the push route decodes it.
  const mapper = new BilibiliMapper();
  const events: LiveEvent[] = mix.flatMap((m) => mapper.map(m, ts).events);
  const body = Buffer.from(JSON.stringify(events));
  const httpRate = rate(events.length, () => {
    const items = parseEventsBody(body, 'application/json', events.length + 1);
    let ok = 0;
    for (const it of items) if (it.ok && validateEvent(it.value, null).ok) ok++;
    return ok;
  });
  // Protobuf bodies (INTERACT_WORD_V2, SEND_GIFT_V2) from the conformance fixtures, cycled.
  const v2 = conformanceCases('bilibili.json')
    .filter((c) => c.name.startsWith('INTERACT_WORD_V2 enter') || c.name.startsWith('SEND_GIFT_V2 gold'))
    .map((c) => c.messages[0] as object);
  const v2Mix = Array.from({ length: N }, (_, i) => v2[i % v2.length]!);
  const biliRate = (ver: 0 | 2 | 3, messages: object[] = mix) => {
    const frames = bilibiliFrames(messages, ver);
    return rate(events.length, () => {
      const m = new BilibiliMapper();
      let n = 0;
      for (const f of frames)
        for (const p of decodeFrame(f).packets) if (p.op === OP.message) n += m.map(p.body, ts).events.length;
      return n;
    });
  };
  const relayText = (list: unknown[]) => Array.from({ length: N }, (_, i) => JSON.stringify(list[i % list.length]));
  const relay = (texts: string[]) =>
    rate(N, () => {
      let n = 0;
      for (const t of texts) n += mapRelayFrame(parseJsonLongIds(t), ts).events.length;
      return n;
    });
  const tiktok = fixture('tiktok-events.json') as { event: TikTokEventName; data: unknown }[];
  const tiktokRate = rate(N, () => {
    const m = new TikTokMapper();
    let n = 0;
    for (let i = 0; i < N; i++)
      n += m.map(tiktok[i % tiktok.length]!.event, tiktok[i % tiktok.length]!.data, ts).events.length;
    return n;
  });
  const shop = fixture('doudian-push.json') as { appKey: string; secret: string; created: unknown[]; paid: unknown[] };
  const push = JSON.stringify(Array.from({ length: PER_FRAME }, (_, i) => (i % 2 ? shop.paid[0] : shop.created[0])));
  const sign = doudianSign(shop.appKey, push, shop.secret);
  const pushes = Math.ceil(N / PER_FRAME / 10);
  const shopRate = rate(pushes * PER_FRAME, () => {
    let n = 0;
    for (let i = 0; i < pushes; i++) {
      if (douyinShop.verify({ 'app-id': shop.appKey, 'event-sign': sign }, push, shop.secret, shop.appKey))
        n += douyinShop.parse(push)?.orders.length ?? 0;
    }
    return n;
  });
  const row = (name: string, r: number): Row[] => [
    { name: `${name}, events/s`, value: fmt(r) },
    { name: `${name} ÷ push-body decode`, value: fmt(r / httpRate, 2) },
  ];
  return {
    httpRate,
    rows: [
      { name: `messages per connector (recorded shapes, cycled)`, value: fmt(N) },
      { name: 'push body decode (JSON.parse + validate), events/s', value: fmt(httpRate) },
      ...row('Bilibili brotli frames (20 msgs) decode+map', biliRate(VER.brotli)),
      ...row('Bilibili zlib frames decode+map', biliRate(VER.zlib)),
      ...row('Bilibili plain frames decode+map', biliRate(VER.json)),
      ...row('Bilibili V2 protobuf bodies, brotli frames decode+map', biliRate(VER.brotli, v2Mix)),
      ...row('Douyin relay, douyinLive JSON parse+map', relay(relayText(fixture('douyin-live-frames.json')))),
      ...row(
        'Douyin relay, BarrageGrab envelope parse+map',
        relay(relayText(fixture('douyin-barrage-grab-frames.json'))),
      ),
      ...row('TikTok payload map (decoding is the library’s)', tiktokRate),
      ...row('抖店 push verify (md5) + parse, orders/s', shopRate),
    ],
  };
}

/** The same barrage end to end: from the local Bilibili server, and pushed over HTTP; then the tick delay. */
async function endToEnd(): Promise<Row[]> {
  const total = Math.min(N, 20_000);
  const bili = await startBilibiliServer();
  const s = await startServer({ tickHz: 10 });
  try {
    const feedRoom = await createRoom(s, 'bench-bili');
    const httpRoom = await createRoom(s, 'bench-http');
    const so = connectLive(s.url, feedRoom.id, feedRoom.tokens.controller);
    await once(so, 'room:snapshot');
    await s.roomSources.add(feedRoom.id, 'bili', { kind: 'bilibili', roomId: 1, address: bili.url });
    await bili.authed();
    const messages = Array.from({ length: total }, (_, i) => danmu(i));
    const frames = bilibiliFrames(messages, VER.brotli);
    const comments = (id: string) => s.services.registry.loaded(id)!.state(Date.now()).comments;
    const drain = async (id: string, want: number) => {
      while (comments(id) < want) await new Promise((r) => setTimeout(r, 5));
    };
    let t = performance.now();
    for (const f of frames) bili.sendRaw(f);
    await drain(feedRoom.id, total);
    const feedRate = total / ((performance.now() - t) / 1000);

    const events = new BilibiliMapper();
    const ts = Date.now();
    const pushed = messages.map((m, i) => ({ ...events.map(m, ts).events[0]!, id: `h${i}` }));
    const url = new URL(`${s.url}/api/rooms/${httpRoom.id}/events`);
    t = performance.now();
    for (let i = 0; i < pushed.length; i += 1000)
      await postRaw(url, httpRoom.tokens.ingest, Buffer.from(JSON.stringify(pushed.slice(i, i + 1000))));
    await drain(httpRoom.id, total);
    const httpRate = total / ((performance.now() - t) / 1000);

    // Delay: one message at a time, to the first tick whose comment count includes it.
    const delays: number[] = [];
    for (let i = 0; i < 60; i++) {
      const before = comments(feedRoom.id);
      const sent = Date.now();
      bili.send([danmu(total + i)], VER.json);
      await waitForState(so, (m) => m.comments > before, 5000);
      delays.push(Date.now() - sent);
    }
    so.disconnect();
    delays.sort((a, b) => a - b);
    return [
      { name: `barrage end to end (${fmt(total)} messages), Bilibili feed, events/s`, value: fmt(feedRate) },
      { name: 'same events pushed over HTTP (batches of 1,000), events/s', value: fmt(httpRate) },
      { name: 'Bilibili feed ÷ HTTP push', value: fmt(feedRate / httpRate, 2) },
      { name: 'message on protocol server → screen update, p50 ms', value: fmt(percentile(delays, 50)) },
      {
        name: 'message on protocol server → screen update, p99 ms',
        value: fmt(percentile(delays, 99)),
        target: '≤ 250',
        pass: percentile(delays, 99) <= 250,
      },
    ];
  } finally {
    await s.close();
    await bili.close();
  }
}

export async function benchConnectors(): Promise<Row[]> {
  return [...decodeRates().rows, ...(await endToEnd())];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Connectors', await benchConnectors());
}
