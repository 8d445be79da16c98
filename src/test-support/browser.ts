import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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

/** The password of every demo login. */
export const DEMO_PASSWORD = 'demo12345';

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

const ROOT = path.resolve(import.meta.dirname, '../..');

const demoEnv = (dataDir: string) => ({
  SEED_DEMO: 'true',
  DATA_DIR: dataDir,
  DATABASE_URL: `sqlite:${path.join(dataDir, 'openhotline.db')}`,
});

/**
 * The demo city as the built server seeds it on its first start, made once per build of the
 * server and shared by every journey (each copies it): seeding six months of history takes
 * longer than the journeys themselves. Journeys running at once wait for the first to make it.
 */
async function demoTemplate(): Promise<string> {
  const server = fs.readFileSync(path.join(ROOT, 'dist', 'server.js'));
  const hash = createHash('sha256').update(server).digest('hex').slice(0, 16);
  const dir = path.join(ROOT, 'dist', `demo-data-${hash}`);
  const ready = path.join(dir, '.ready');
  const lock = `${dir}.lock`;
  for (let waited = 0; !fs.existsSync(ready); waited += 500) {
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another journey is seeding it; a lock older than any seeding was left by a killed run.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 360_000) fs.rmSync(lock, { recursive: true, force: true });
      if (waited > 360_000) throw new Error(`the demo data in ${dir} was never made`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const seeding = await startServer(demoEnv(dir), [], 300_000);
      seeding.child.kill('SIGTERM');
      await waitForExit(seeding.child);
      fs.writeFileSync(ready, '');
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

/**
 * `npm start` as a user runs it: the built server and web app on a SQLite database of its own,
 * holding the Luzhou demo with its demo logins.
 */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-journey-'));
  fs.cpSync(await demoTemplate(), dataDir, { recursive: true });
  const server = await startServer({ ...demoEnv(dataDir), ...env }, [], 120_000);
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
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('header.topbar').waitFor();
}

/** Saves a full-page screenshot as SCREENSHOT_DIR/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top: a page scrolled down would show its sticky header halfway down the image.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * The JSON of an API response that must have `status`; otherwise fails naming the URL, the
 * status and the body the server sent.
 */
export async function json<T>(
  response: APIResponse | Promise<APIResponse>,
  status = 200,
): Promise<T> {
  const done = await response;
  if (done.status() !== status)
    throw new Error(`${done.url()}: expected ${status}, got ${done.status()} ${await done.text()}`);
  return (await done.json()) as T;
}

export type Locale = 'zh-CN' | 'en';

/** A browser context of a journey: its language, over the journey's context defaults. */
export interface JourneyPageOptions extends BrowserContextOptions {
  locale: Locale;
}

export interface JourneyOptions {
  /**
   * Context options for every page of the journey (a phone's viewport, a time zone), over the
   * defaults: the centre's time zone (Asia/Shanghai) on a 1440×900 desk screen.
   */
  context?: BrowserContextOptions;
}

export interface Journey {
  /** The demo server, e.g. `http://127.0.0.1:41234`. */
  baseUrl(): string;
  browser(): Browser;
  /** The absolute URL of an API path: `apiUrl('/tickets')` → `<baseUrl>/api/v1/tickets`. */
  apiUrl(path: string): string;
  /** A page in a browser context of its own (its own cookies), not logged in. */
  page(options: JourneyPageOptions): Promise<Page>;
  /** A person at a desk: their own page, logged in through the login form, at `path`. */
  staff(username: string, path: string, options?: Partial<JourneyPageOptions>): Promise<Page>;
  /** An API session of a demo user (the request context keeps its cookie). */
  api(username: string): Promise<APIRequestContext>;
  /**
   * GET an API path (`/tickets?…`) that must answer `status`, and its JSON; with a page, as the
   * page sees it (its cookies).
   */
  getJson<T>(from: APIRequestContext | Page, path: string, status?: number): Promise<T>;
}

const JOURNEY_DEFAULTS: BrowserContextOptions = {
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1440, height: 900 },
};

/**
 * A browser journey's demo server and browser, started together before the describe's tests
 * and closed after them. Call it inside the `describe`; a `beforeAll` registered after it runs
 * once both are up.
 */
export function useJourney(options: JourneyOptions = {}): Journey {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 180_000);

  const started = (): { server: DemoServer; browser: Browser } => {
    if (!server || !browser) throw new Error('the journey is not started: call it in a test');
    return { server, browser };
  };
  const baseUrl = () => started().server.baseUrl;
  const apiUrl = (path: string) => `${baseUrl()}/api/v1${path}`;
  const page = async (pageOptions: JourneyPageOptions): Promise<Page> => {
    const context = await started().browser.newContext({
      ...JOURNEY_DEFAULTS,
      ...options.context,
      ...pageOptions,
    });
    return context.newPage();
  };

  return {
    baseUrl,
    browser: () => started().browser,
    apiUrl,
    page,
    async staff(username, path, pageOptions = {}) {
      const staffPage = await page({ locale: 'zh-CN', ...pageOptions });
      await loginAs(staffPage, baseUrl(), username, path);
      return staffPage;
    },
    async api(username) {
      const context = await started().browser.newContext();
      await json(
        context.request.post(apiUrl('/auth/login'), {
          data: { username, password: DEMO_PASSWORD },
        }),
      );
      return context.request;
    },
    getJson<T>(from: APIRequestContext | Page, path: string, status = 200): Promise<T> {
      const request = 'request' in from ? from.request : from;
      return json<T>(request.get(apiUrl(path)), status);
    },
  };
}
