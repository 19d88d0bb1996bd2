// `npm run import` (server/cli/import.ts) against a real server: the file is streamed (plain and --gzip), the
// progress goes to stderr as plain lines when stderr is not a terminal, and a bad --speed never leaves the CLI.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createRoom, startServer, type TestServer, tempDir } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ autoTick: false });
});
afterAll(() => s.close());

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args]);
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('npm run import', () => {
  it('streams a file, plain and gzip, with progress on stderr', async () => {
    const room = await createRoom(s);
    const file = path.join(tempDir('import-cli-'), 'rec.ndjson');
    const t0 = Date.UTC(2025, 0, 1, 12);
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ type: 'comment', ts: t0 + i * 10, id: `c${i}`, userId: `u${i % 40}`, text: '主播好' }),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const base = ['--url', s.url, '--room', room.id, '--token', ADMIN, '--format', 'ndjson'];
    const plain = await cli([...base, file]);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/5000 read, 5000 accepted, 0 duplicates, 0 rejected/);
    expect(plain.err).toMatch(/100% .* MB \/ .* MB · .* events\/s · .* left/);
    const gzip = await cli([...base, '--gzip', file]);
    expect(gzip.out).toMatch(/5000 read, 0 accepted, 5000 duplicates/);
    const bad = await cli([...base, '--speed', '1e-9', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/0\.1 to 100000/);
  }, 60_000);
});
