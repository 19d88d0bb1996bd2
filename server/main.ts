// The entry point: load the configuration, build the app, listen, print each screen's URL.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { SEATS } from '../shared/protocol.ts';
import { joinUrl } from '../shared/seat-links.ts';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { startDemoRoom } from './demo.ts';
import { createTokenizer } from './engine/tokenizer.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Aligned names for the start banner (CJK characters are two columns wide in a terminal). */
const SCREEN_NAMES = {
  controller: '场控 big screen    ',
  assistant: '助播 console       ',
  host: '主播 prompter      ',
  viewer: 'viewer (read only) ',
} as const;

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, demo ? { DEMO: true } : {});
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // One jieba for every room: building one loads its whole dictionary (≈ 0.5 s of blocked event loop and tens
  // of MB each), so a tokenizer per room stalled every other room whenever one was loaded. Rooms teach it their
  // product names; another room's names kept whole in this room's barrage cost nothing.
  const tokenizer = createTokenizer();
  const built = await buildApp({ config, createTokenizer: () => tokenizer });
  const { app } = built;
  if (!fs.existsSync(path.resolve(here, '../dist/client/index.html')))
    app.log.warn('no built client in dist/client: the API runs, the screens do not. Run `npm run build` once.');
  // SIGTERM/SIGINT (systemd, Ctrl-C) or a crash: readiness turns 503, then the app closes (sources stop, the
  // timeline's pending group commit is flushed, the store closed). A close that hangs is cut after the grace.
  closeWithGrace({ delay: config.shutdownGraceMs, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'fatal error, closing');
    else app.log.info({ signal }, 'shutting down');
    built.lifecycle.shuttingDown = true;
    await app.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${(app.server.address() as { port: number }).port}`;
  const lines = [`直播中控台 listening on ${base}`];
  // The token rides in the fragment: it never reaches the server's logs, and the page removes it from the bar.
  lines.push(`Admin (rooms, seat links, catalogues): ${base}/#admin=${config.adminToken}`);
  if (config.adminTokenGenerated) lines.push(`ADMIN_TOKEN (generated for this run): ${config.adminToken}`);
  if (config.demo) {
    const { roomId, tokens } = await startDemoRoom(built, config.demoPeakOnline);
    lines.push(
      `Demo room ${roomId}:`,
      // One-time links: the browser that opens one keeps a spent code in its history, not the seat's token.
      ...SEATS.map(
        (seat) =>
          `  ${SCREEN_NAMES[seat]}: ${joinUrl(base, roomId, built.joinLinks.mint(roomId, seat, tokens[seat], built.services.clock.now()).code)}`,
      ),
      `  (each link opens once, within 24 h; the admin screen hands out new ones)`,
      `  ingest token       : ${tokens.ingest}  (POST ${base}/api/rooms/${roomId}/events)`,
    );
  }
  console.log(lines.join('\n'));
}

void main();
