// Debian's Chromium driven by playwright-core (no downloaded browsers here), on a fresh profile per launch.
import fs from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { tempDir } from './server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('artifacts/screenshots');

/** `profileDir`: where the profile lives (a test that reads the profile's files after closing passes one). */
export function launchBrowser(profileDir = tempDir('chromium-')): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, name);
}

export const CLIENT_DIR = path.resolve('dist/client');
export const clientBuilt = () => fs.existsSync(path.join(CLIENT_DIR, 'index.html'));
