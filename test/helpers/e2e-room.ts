// The setup every e2e file shares: the real server on port 0 serving the built client, one room on it, and
// Debian's Chromium to open the room's seats in. Start it in beforeAll, close it in afterAll.
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { startDemoRoom } from '../../server/demo.ts';
import type { SourceConfig } from '../../server/sources/source-config.ts';
import type { Role, RoomTokens } from '../../server/storage/ports.ts';
import type { RoomState } from '../../shared/state.ts';
import { CHROMIUM, CLIENT_DIR, clientBuilt, launchBrowser } from './browser.ts';
import { createRoom, startServer, type TestServer } from './server.ts';

/** Chromium and the built client are there. Files skip without them, except in CI, where they must run:
 * `describe.skipIf(!e2eReady && !process.env.CI)`. */
export const e2eReady = fs.existsSync(CHROMIUM) && clientBuilt();

/** The 主播's prompter on a phone in portrait. */
export const PHONE_PORTRAIT = { width: 430, height: 860 };

export interface E2eRoomRef {
  id: string;
  tokens: RoomTokens;
}

export type E2eRoomOptions = { tickHz?: number } & (
  | { name: string; source?: SourceConfig } // a room created through the API, driven by `source` if given
  | { demoPeakOnline: number } // the built-in demo room
);

export interface OpenOptions {
  /** Set once the page has loaded, as a test resizing it by hand would. */
  viewport?: { width: number; height: number };
  /** Any dialog means injected script ran: the test fails. */
  failOnDialog?: boolean;
  /** Collects the page's uncaught errors from before it loads. */
  pageErrors?: string[];
  /** Instead of the seat's own token (a wrong one, say). */
  token?: string;
  /** Another room on the same server. */
  room?: E2eRoomRef;
  replay?: boolean;
}

export interface E2eRoom {
  url: string;
  server: TestServer;
  room: E2eRoomRef;
  api(path: string, token: string, method?: string, body?: unknown): Promise<Response>;
  /** PUT the room's source as the 场控. */
  setSource(config: SourceConfig): Promise<Response>;
  /** A new page in the shared browser (launched on first use) at the seat's URL. */
  open(seat: Role, opts?: OpenOptions): Promise<Page>;
  /** The room's live state as the viewer reads it. */
  state(): Promise<RoomState>;
  /** Close the browser; the next `open` launches a fresh one on a fresh profile. */
  closeBrowser(): Promise<void>;
  close(): Promise<void>;
}

export async function startE2eRoom(opts: E2eRoomOptions): Promise<E2eRoom> {
  const server = await startServer({ tickHz: opts.tickHz ?? 4, clientDir: CLIENT_DIR });
  const { url } = server;
  const api = (path: string, token: string, method = 'GET', body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  let room: E2eRoomRef;
  const setSource = (config: SourceConfig) =>
    api(`/api/rooms/${room.id}/source`, room.tokens.controller, 'PUT', config);
  try {
    if ('demoPeakOnline' in opts) {
      const demo = await startDemoRoom(server, opts.demoPeakOnline);
      room = { id: demo.roomId, tokens: demo.tokens };
    } else {
      room = await createRoom(server, opts.name);
    }
    if ('source' in opts && opts.source) {
      const res = await setSource(opts.source);
      if (res.status !== 200) throw new Error(`set source: ${res.status} ${await res.text()}`);
    }
  } catch (err) {
    await server.close(); // the caller never gets a fixture to close
    throw err;
  }

  let browser: Promise<BrowserContext> | null = null;
  const closeBrowser = async () => {
    const launched = browser;
    browser = null;
    await (await launched?.catch(() => null))?.close(); // a launch that failed has nothing to close
  };
  const open = async (seat: Role, o: OpenOptions = {}): Promise<Page> => {
    browser ??= launchBrowser();
    const page = await (await browser).newPage();
    const errors = o.pageErrors;
    if (errors) page.on('pageerror', (e) => errors.push(e.message));
    if (o.failOnDialog) {
      page.on('dialog', () => {
        throw new Error('a dialog opened: injected script ran');
      });
    }
    const target = o.room ?? room;
    await page.goto(`${url}/?room=${target.id}&token=${o.token ?? target.tokens[seat]}${o.replay ? '&replay' : ''}`);
    if (o.viewport) await page.setViewportSize(o.viewport);
    return page;
  };
  const state = async () => (await (await api(`/api/rooms/${room.id}/state`, room.tokens.viewer)).json()) as RoomState;

  return {
    url,
    server,
    room,
    api,
    setSource,
    open,
    state,
    closeBrowser,
    close: async () => {
      await closeBrowser();
      await server.close();
    },
  };
}
