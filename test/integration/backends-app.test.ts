// The whole server on each storage backend: ingest over HTTP with duplicates, the screen's state, sessions and
// the 复盘 report from the store, and a restart that rebuilds the same totals. PostgreSQL runs skip by name
// when it is not reachable. (Every integration test also runs on PostgreSQL with TEST_STORAGE=postgres.)
import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.ts';
import { dropSchema } from '../helpers/pg-test.ts';
import { needs } from '../helpers/requirements.ts';
import { ADMIN, createRoom, schemaFor, startServer, type TestServer, tempDir } from '../helpers/server.ts';

const T0 = Date.UTC(2026, 0, 7, 12);

for (const backend of BACKENDS) {
  describe(`the server on ${backend.name}`, backend.requirement ? needs(backend.requirement) : {}, () => {
    const dataDir = tempDir();
    const open: TestServer[] = [];
    const start = async () => {
      const s = await startServer({ dataDir, backend: backend.name, autoTick: false, listen: false });
      open.push(s);
      return s;
    };
    afterAll(async () => {
      for (const s of open) await s.close().catch(() => {});
      if (backend.name === 'postgres') await dropSchema(schemaFor(dataDir));
    });

    it('stores, deduplicates, replays and rebuilds alike', async () => {
      const s = await start();
      const room = await createRoom(s);
      const events = Array.from({ length: 300 }, (_, i) => ({
        type: 'comment',
        ts: T0 + i * 1000,
        id: `c${i}`,
        userId: `u${i % 40}`,
        text: '多少钱',
      }));
      const imp = await s.app.inject({
        method: 'POST',
        url: `/api/rooms/${room.id}/import?format=ndjson&speed=0`,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
        payload: [...events, ...events.slice(0, 50)].map((e) => JSON.stringify(e)).join('\n'),
      });
      expect(imp.statusCode).toBe(200);
      expect(imp.json()).toMatchObject({ accepted: 300, duplicates: 50 });
      const auth = { authorization: `Bearer ${room.tokens.viewer}` };
      const state = (await s.app.inject({ url: `/api/rooms/${room.id}/state`, headers: auth })).json();
      expect(state.comments).toBe(300);
      const sessions = (await s.app.inject({ url: `/api/rooms/${room.id}/sessions`, headers: auth })).json();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ start: T0, end: T0 + 299_000, events: 300 });
      const report = await s.app.inject({ url: `/api/sessions/${sessions[0].id}/report`, headers: auth });
      expect(report.statusCode).toBe(200);
      // Every stored event counts: the import stores its last second too (issue 16; it read 299 here).
      expect(report.json().interaction.comments).toBe(300);
      const at = await s.app.inject({ url: `/api/sessions/${sessions[0].id}/state?at=${T0 + 100_500}`, headers: auth });
      expect(at.json().comments).toBe(100); // the second before `at`: events up to T0 + 99 s
      await s.close();

      const again = await start();
      const runtime = (await again.services.runtime(room.id))!;
      await again.services.registry.ready(runtime);
      expect(runtime.state(Date.now()).comments).toBe(300);
      expect(again.services.storage.backend).toBe(backend.name);
    });
  });
}
