import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, waitForExit, type ServerProcess } from './server-process.js';

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const browserAvailable = fs.existsSync(CHROMIUM_PATH);
if (!browserAvailable) {
  const message = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (process.env.CI === 'true')
    throw new Error(`${message}: under CI=true the browser journeys must run`);
  console.warn(`${message}: the browser journeys are skipped`);
}

/** Where journeys save their screenshots; CI prints this path. */
export const SCREENSHOT_DIR = path.resolve(
  process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'openhotline-screenshots'),
);

/** Headless Chromium with the flags this closed network needs (no background connections). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface DemoServer {
  server: ServerProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * `npm start` as a user runs it: the built server and web app on a fresh SQLite database,
 * seeded with the Luzhou demo and its demo logins.
 */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-journey-'));
  const server = await startServer(
    {
      SEED_DEMO: 'true',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'openhotline.db')}`,
      ...env,
    },
    [],
    120_000,
  );
  return {
    server,
    baseUrl: server.baseUrl,
    async stop() {
      server.child.kill('SIGTERM');
      await waitForExit(server.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login form, as a person would. */
export async function loginAs(
  page: Page,
  baseUrl: string,
  username: string,
  path = '/',
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('demo12345');
  await page.locator('button[type="submit"]').click();
  await page.locator('header.topbar').waitFor();
}

/** Saves a full-page screenshot as SCREENSHOT_DIR/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
