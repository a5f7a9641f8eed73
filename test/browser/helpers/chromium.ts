import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The browser the test drives: Debian's chromium (`npm run setup` installs it); AMP_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.AMP_CHROMIUM || '/usr/bin/chromium';

/**
 * Flags for a closed network: without the background-networking ones Chromium keeps dialling Google's hosts.
 * Playwright adds --user-data-dir (a fresh temp folder per launch).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Thrown when the browser is not installed: the message says how to get it. */
export class ChromiumMissingError extends Error {
  constructor(path: string) {
    super(`Chromium is not installed at ${path}: run \`AMP_SETUP_BROWSER=1 npm run setup\` (CI sets it), or point AMP_CHROMIUM at a Chromium binary.`);
    this.name = 'ChromiumMissingError';
  }
}

/** A headless Chromium with one page, in a user-data folder of its own. */
export interface HeadlessChromium {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
  /** Closes the browser and removes its user-data folder. */
  close(): Promise<void>;
}

/** Launches Debian's Chromium through playwright-core (which never downloads a browser of its own). */
export async function launchChromium(): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM)) throw new ChromiumMissingError(CHROMIUM);
  const userDataDir = mkdtempSync(join(tmpdir(), 'amp-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 1000 },
  });
  // The Web UI fetches a news feed from the internet; only the local UI and codec server may be reached.
  await context.route((url) => !LOOPBACK.has(url.hostname), (route) => route.abort('blockedbyclient'));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
