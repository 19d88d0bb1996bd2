// Cue latency: 助播 sends cue:push, the 主播's socket receives cue:new; real sockets on loopback through the
// real server (validation, template filling, journal write, broadcast). Peer: room:resync round trips on the
// same connection, measured in the same run, as the floor a command can reach.
import { connectLive, once } from '../test/helpers/live-client.ts';
import { createRoom } from '../test/helpers/server.ts';
import { fmt, percentile, printRows, type Row, startServer } from './lib.ts';

const CUES = Number(process.env.BENCH_CUES ?? 300);

export async function benchCueLatency(): Promise<Row[]> {
  const s = await startServer({ tickHz: 2 });
  const room = await createRoom(s, 'bench-cues');
  const assistant = connectLive(s.url, room.id, room.tokens.assistant);
  const host = connectLive(s.url, room.id, room.tokens.host);
  await Promise.all([once(assistant, 'room:snapshot'), once(host, 'room:snapshot')]);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });
  host.on('cue:new', ({ cue }) => {
    const t0 = sentAt.get(cue.text);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
    if (latencies.length === CUES) resolveDone();
  });
  for (let i = 0; i < CUES; i++) {
    const text = `第${i}条：{商品名}马上开抢`;
    sentAt.set(text, performance.now()); // no product is explained: the template text comes back as sent
    void assistant.emitWithAck('cue:push', { text, priority: i % 10 === 0 ? 'urgent' : 'normal' });
    await new Promise((r) => setTimeout(r, 10));
  }
  await done;
  const rtt: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await assistant.emitWithAck('room:resync', {});
    rtt.push(performance.now() - t0);
  }
  assistant.disconnect();
  host.disconnect();
  await s.close();
  latencies.sort((a, b) => a - b);
  rtt.sort((a, b) => a - b);
  const p99 = percentile(latencies, 99);
  return [
    { name: `cues sent (one per 10 ms)`, value: fmt(latencies.length) },
    { name: 'assistant → host p50, ms', value: fmt(percentile(latencies, 50), 1) },
    { name: 'assistant → host p99, ms', value: fmt(p99, 1), target: '≤ 200', pass: p99 <= 200 },
    { name: 'peer: room:resync round trip p50, ms', value: fmt(percentile(rtt, 50), 1) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Cue latency', await benchCueLatency());
}
