import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildServer, buildWeb } from '../scripts/build.js';
import { launchBrowser, loginAs, startDemoServer } from '../src/test-support/browser.js';

// npx tsx bench/operator-screen.ts: how fast the operator's screen is, measured by the browser's
// own clock (Performance API marks the screen sets, read with a PerformanceObserver), on the
// built app (production React) and the Luzhou demo data:
// - navigation → interactive: the "op:ready" mark (form usable, category and unit trees loaded),
//   relative to the navigation's time origin; cold (empty HTTP cache) and warm (reload);
// - keystroke → results: from the `input` event's timestamp to the mark set on the frame that
//   shows the results, for the category type-to-search and for the knowledge suggestions
//   (the latter includes the panel's 150 ms debounce and the server's answer).
// Targets: interactive within 1.5 s; type-to-search results within 150 ms.

export interface Figures {
  samples: number;
  median: number;
  p95: number;
  max: number;
}

export interface OperatorScreenFigures {
  interactiveCold: Figures;
  interactiveWarm: Figures;
  categorySearch: Figures;
  knowledgeSuggest: Figures;
}

const DESCRIPTION = '诉求内容';
const CATEGORY = '诉求分类';

function figures(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    samples: sorted.length,
    median: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/** Navigates to /operator and returns the "op:ready" mark's time (ms since navigation start). */
async function timeToInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('op:ready').length > 0, undefined, {
    timeout: 30_000,
  });
  const description = page.getByRole('textbox', { name: DESCRIPTION, exact: true });
  if (!(await description.isEnabled())) throw new Error('the description field is not enabled');
  return page.evaluate(() => performance.getEntriesByName('op:ready')[0]!.startTime);
}

/**
 * Records, in the page, the time from each `input` event on the element labelled `label` to the
 * next `mark` of that name (a newer keystroke replaces one still waiting, as a debounce does).
 */
async function watchLatency(
  page: Page,
  role: 'textbox' | 'combobox',
  label: string,
  mark: string,
): Promise<void> {
  const element = page.getByRole(role, { name: label, exact: true });
  await element.evaluate((node, markName) => {
    const state = { pending: null as number | null, samples: [] as number[] };
    (globalThis as unknown as { __latency: typeof state }).__latency = state;
    // The DOM's types are not in this (Node) project: the element is described by what is used.
    const target = node as unknown as {
      addEventListener(
        type: 'input',
        listener: (event: { timeStamp: number }) => void,
        capture: boolean,
      ): void;
    };
    target.addEventListener('input', (event) => (state.pending = event.timeStamp), true);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name !== markName || state.pending === null) continue;
        state.samples.push(entry.startTime - state.pending);
        state.pending = null;
      }
    }).observe({ type: 'mark' });
  }, mark);
}

const takeSamples = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { __latency: { samples: number[] } }).__latency.samples,
  );

/** Types queries into the category combobox one character at a time, clearing between them. */
async function benchCategorySearch(page: Page, keystrokes: number): Promise<number[]> {
  await watchLatency(page, 'combobox', CATEGORY, 'op:category-results');
  const combobox = page.getByRole('combobox', { name: CATEGORY, exact: true });
  const queries = [
    '路灯',
    '停水',
    '噪音',
    '公积金',
    '物业',
    '占道',
    'light',
    'water',
    '垃圾',
    '医保',
    '燃气',
    '供电',
  ];
  let typed = 0;
  for (const query of queries) {
    await combobox.click();
    for (const char of query) {
      await page.keyboard.type(char);
      await page.waitForTimeout(60);
      if (++typed >= keystrokes) break;
    }
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    if (typed >= keystrokes) break;
  }
  return takeSamples(page);
}

/** Types an appeal into the description at a typing pace that lets each keystroke's suggestions arrive. */
async function benchKnowledgeSuggest(page: Page, keystrokes: number): Promise<number[]> {
  await watchLatency(page, 'textbox', DESCRIPTION, 'op:kb-results');
  const description = page.getByRole('textbox', { name: DESCRIPTION, exact: true });
  const texts = [
    '小区门口路灯不亮好几天了',
    '家里突然停水了什么时候恢复',
    '楼下夜间施工噪音太大',
    '公积金提取需要什么材料',
  ];
  let typed = 0;
  for (const text of texts) {
    await description.fill('');
    await description.focus();
    for (const char of text) {
      await page.keyboard.type(char);
      await page.waitForTimeout(400);
      if (++typed >= keystrokes) break;
    }
    if (typed >= keystrokes) break;
  }
  await page.waitForTimeout(500);
  return takeSamples(page);
}

/** Runs the benchmark on a fresh demo server and returns the figures (milliseconds). */
export async function runOperatorScreenBench(
  options: { loads?: number; keystrokes?: number; build?: boolean } = {},
): Promise<OperatorScreenFigures> {
  const { loads = 10, keystrokes = 30, build = true } = options;
  if (build) await Promise.all([buildServer(), buildWeb()]);
  const [server, browser]: [Awaited<ReturnType<typeof startDemoServer>>, Browser] =
    await Promise.all([startDemoServer(), launchBrowser()]);
  const contexts: BrowserContext[] = [];
  const newContext = async (storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 768 },
      storageState,
    });
    contexts.push(context);
    return context;
  };
  try {
    const url = `${server.baseUrl}/operator`;
    const first = await (await newContext()).newPage();
    await loginAs(first, server.baseUrl, 'operator', '/operator');
    const session = await first.context().storageState();

    const cold: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await newContext(session);
      cold.push(await timeToInteractive(await context.newPage(), url));
      await context.close();
    }
    const page = await (await newContext(session)).newPage();
    const warm: number[] = [];
    for (let i = 0; i < loads; i++) warm.push(await timeToInteractive(page, url));

    const categorySearch = await benchCategorySearch(page, keystrokes);
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('op:ready').length > 0);
    const knowledgeSuggest = await benchKnowledgeSuggest(page, keystrokes);
    return {
      interactiveCold: figures(cold),
      interactiveWarm: figures(warm),
      categorySearch: figures(categorySearch),
      knowledgeSuggest: figures(knowledgeSuggest),
    };
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser.close();
    await server.stop();
  }
}

/** Runs the benchmark and prints its table. */
export async function reportOperatorScreenBench(): Promise<OperatorScreenFigures> {
  const result = await runOperatorScreenBench();
  const rows: Array<[string, Figures, number]> = [
    ['navigation → interactive (cold cache)', result.interactiveCold, 1500],
    ['navigation → interactive (warm cache)', result.interactiveWarm, 1500],
    ['keystroke → category results', result.categorySearch, 150],
    ['keystroke → knowledge suggestions (150 ms debounce incl.)', result.knowledgeSuggest, NaN],
  ];
  console.log(
    'operator screen (ms)                                        n   median     p95     max  target',
  );
  for (const [name, f, target] of rows) {
    const cells = [f.samples, f.median, f.p95, f.max].map((v, i) =>
      String(v).padStart(i === 0 ? 3 : 8),
    );
    console.log(
      `${name.padEnd(58)}${cells.join('')}  ${Number.isNaN(target) ? '-' : `≤ ${target}`}`,
    );
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await reportOperatorScreenBench();
