import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KnowledgeSearch,
  type IndexedArticle,
  type SearchOptions,
} from '../src/modules/knowledge/index.js';
import { parseCsv } from '../src/platform/csv.js';
import type { DialectName } from '../src/platform/db/database.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../src/test-support/databases.js';
import { createFixture, type Fixture } from '../src/test-support/fixtures.js';

// The knowledge search over BENCH_KNOWLEDGE_ARTICLES (default 50,000) articles: load time through
// put(), then latency of search-box queries and of whole appeals, on SQLite and PostgreSQL.
// Texts are citizens' messages and official replies of the 2020 Teddy Cup data, read from
// ../shared/data/teddy2020c at run time (no licence: never copied into the repository).

const ARTICLES = Number(process.env.BENCH_KNOWLEDGE_ARTICLES ?? 50_000);
const QUERIES_PER_MODE = Number(process.env.BENCH_KNOWLEDGE_QUERIES ?? 250);
/**
 * Articles per transaction while loading. Each article adds postings all over the index's B-trees,
 * so a large transaction writes each page once for many articles (the load is a bulk import; the
 * cost of publishing one article is measured separately).
 */
const BATCH = 2500;
const TODAY = '2026-03-02';
const DATA_DIR = fileURLToPath(new URL('../../shared/data/teddy2020c/', import.meta.url));

export interface Corpus {
  source: string;
  titles: string[];
  bodies: string[];
}

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same work. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readCsv(file: string): string[][] {
  return parseCsv(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')).slice(1);
}

export function teddyCorpus(): Corpus | null {
  if (!fs.existsSync(DATA_DIR)) return null;
  const replies = readCsv('attachment4_messages_with_replies.csv');
  const votes = readCsv('attachment3_messages_with_votes.csv');
  const titles = [
    ...replies.map((r) => r[2]!),
    ...votes.map((r) => r[2]!),
    ...readCsv('attachment2_titles_labels.csv').map((r) => r[0]!),
  ];
  const bodies = [
    ...replies.map((r) => r[5]!), // official replies: what a knowledge article says
    ...replies.map((r) => r[4]!),
    ...votes.map((r) => r[4]!),
    ...readCsv('attachment2_details_labels.csv').map((r) => r[0]!),
  ].map((text) => text.slice(0, 3000));
  return { source: 'Teddy Cup 2020 messages and replies', titles, bodies };
}

const ZH_PLACES = [
  '江阳区',
  '纳溪区',
  '龙马潭区',
  '南城街道',
  '小市街道',
  '佳乐世纪城',
  '万达广场',
];
const ZH_MATTERS = [
  '路灯不亮',
  '道路破损',
  '施工噪音扰民',
  '小区停水',
  '餐饮油烟污染',
  '违章停车',
  '拖欠工资',
  '物业不作为',
  '公积金提取',
  '社保缴费',
  '垃圾清运不及时',
  '下水道堵塞',
];
const ZH_CLAUSES = [
  '请相关部门尽快处理',
  '已经持续了一个多星期',
  '多次反映没有结果',
  '严重影响居民正常生活',
  '按照有关规定应当及时答复',
  '可以拨打服务热线咨询',
  '由所在街道办事处负责协调',
  '工作人员将在三个工作日内联系',
];

function builtInCorpus(): Corpus {
  const next = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const titles: string[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < 5000; i++) {
    titles.push(`${pick(ZH_PLACES)}${pick(ZH_MATTERS)}的问题`);
    const clauses = Array.from({ length: 4 + Math.floor(next() * 8) }, () => pick(ZH_CLAUSES));
    bodies.push(`${pick(ZH_PLACES)}${pick(ZH_MATTERS)}，${clauses.join('，')}。`);
  }
  return { source: 'built-in generator', titles, bodies };
}

const EN_SUBJECTS = [
  'streetlight',
  'pothole',
  'garbage collection',
  'noise complaint',
  'heating',
  'water outage',
  'parking permit',
  'rodent sighting',
  'sidewalk repair',
  'elevator outage',
  'unpaid wages',
  'building permit',
];
const EN_SENTENCES = [
  'Residents can report the problem online or by calling the hotline.',
  'Crews usually respond within ten business days.',
  'Landlords must keep the building in good repair.',
  'The agency inspects the site and informs the caller of the result.',
  'Bring a photo and the exact address when you report it.',
  'Fees are waived for seniors and residents with disabilities.',
];

function englishArticle(next: () => number): { title: string; body: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const subject = pick(EN_SUBJECTS);
  const sentences = Array.from({ length: 3 + Math.floor(next() * 5) }, () => pick(EN_SENTENCES));
  return {
    title: `How to handle a ${subject} request`,
    body: `If you have a ${subject} issue, here is what to do. ${sentences.join(' ')}`,
  };
}

export function makeArticles(corpus: Corpus, fixture: Fixture, count = ARTICLES): IndexedArticle[] {
  const next = random(42 + count);
  const units = Object.values(fixture.units);
  const categories = Object.values(fixture.categories);
  const articles: IndexedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const english = next() < 0.05;
    const text = english
      ? englishArticle(next)
      : {
          title: corpus.titles[Math.floor(next() * corpus.titles.length)]!,
          body: corpus.bodies[Math.floor(next() * corpus.bodies.length)]!,
        };
    const roll = next();
    articles.push({
      articleId: i + 1,
      title: text.title,
      body: text.body,
      keywords: [],
      synonyms: [],
      categoryIds: [categories[Math.floor(next() * categories.length)]!],
      ownerUnitId: units[Math.floor(next() * units.length)]!,
      audience: next() < 0.3 ? 'public' : 'internal',
      effectiveFrom: roll < 0.05 ? '2026-06-01' : '2025-06-01',
      expiresOn: roll > 0.95 ? '2026-01-31' : null,
    });
  }
  return articles;
}

export interface Query {
  text: string;
  options: SearchOptions;
  /** Articles that answer the query (any of them found in the hits counts). */
  expected?: ReadonlySet<number>;
}

const isLive = (a: IndexedArticle): boolean =>
  a.effectiveFrom <= TODAY && (a.expiresOn === null || a.expiresOn >= TODAY);

export function makeQueries(
  corpus: Corpus,
  fixture: Fixture,
  articles: readonly IndexedArticle[],
): { query: Query[]; appeal: Query[] } {
  const next = random(99);
  const live = articles.filter(isLive);
  const byBody = new Map<string, Set<number>>();
  for (const a of live) byBody.set(a.body, (byBody.get(a.body) ?? new Set()).add(a.articleId));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const query: Query[] = [];
  const appeal: Query[] = [];
  for (let i = 0; i < QUERIES_PER_MODE; i++) {
    const options: SearchOptions = { audience: 'staff', today: TODAY, mode: 'query', limit: 10 };
    const roll = next();
    if (roll < 0.1) options.audience = 'public';
    else if (roll < 0.2) options.categoryId = pick(Object.values(fixture.categories));
    else if (roll < 0.25) options.ownerUnitId = pick(Object.values(fixture.units));
    let text: string;
    if (next() < 0.05) text = pick(EN_SUBJECTS);
    else {
      // A few words of a title, as someone would type them in the search box.
      const chars = Array.from(pick(corpus.titles));
      const length = Math.min(chars.length, 2 + Math.floor(next() * 7));
      const start = Math.floor(next() * (chars.length - length + 1));
      text = chars.slice(start, start + length).join('');
    }
    query.push({ text, options });

    // An appeal as the operator types it: the beginning of what an article is about. The
    // article (or one with the same text) should be among the five suggestions.
    const source = pick(live);
    const body = Array.from(source.body);
    const length = Math.min(body.length, 60 + Math.floor(next() * 300));
    appeal.push({
      text: body.slice(0, length).join(''),
      options: { audience: 'staff', today: TODAY, mode: 'appeal', limit: 5 },
      expected: byBody.get(source.body)!,
    });
  }
  return { query, appeal };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(search: KnowledgeSearch, queries: readonly Query[]) {
  const times: number[] = [];
  let hits = 0;
  let found = 0;
  for (const q of queries) {
    const start = performance.now();
    const result = await search.search(q.text, q.options);
    times.push(performance.now() - start);
    if (result.hits.length > 0) hits++;
    if (result.hits.some((hit) => q.expected?.has(hit.articleId))) found++;
  }
  const withExpected = queries.filter((q) => q.expected).length;
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1]!,
    withHits: hits / queries.length,
    /** Share of the queries with an expected article that found it. */
    found: withExpected > 0 ? found / withExpected : null,
  };
}

/**
 * What the database does by itself after a bulk load: SQLite's background checkpointer empties
 * the WAL (a continuous load never gives it a pause), PostgreSQL's autovacuum sets the visibility
 * map that index-only scans need and refreshes the statistics.
 */
async function settle(testDb: TestDatabase): Promise<void> {
  if (testDb.database.dialect === 'sqlite') {
    const handle = new SQLite(testDb.url.slice('sqlite:'.length));
    handle.pragma('busy_timeout = 60000');
    handle.pragma('wal_checkpoint(TRUNCATE)');
    handle.close();
    return;
  }
  for (const table of ['knowledge_postings', 'knowledge_terms', 'knowledge_index_docs'])
    await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(testDb.database.db);
}

/** Publishing one more article, in a transaction of its own, with the index full. */
async function measurePuts(
  testDb: TestDatabase,
  search: KnowledgeSearch,
  articles: IndexedArticle[],
) {
  const times: number[] = [];
  for (const article of articles) {
    const start = performance.now();
    await testDb.database.write((trx) => search.put(trx, article));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export interface KnowledgeSearchBenchResult {
  dialect: DialectName;
  articles: number;
  loadSeconds: number;
  put: { p50: number; p95: number };
  query: Awaited<ReturnType<typeof measure>>;
  appeal: Awaited<ReturnType<typeof measure>>;
}

async function benchDialect(dialect: DialectName, corpus: Corpus) {
  const testDb = await createTestDatabase(dialect);
  try {
    const fixture = await createFixture(testDb.database);
    const articles = makeArticles(corpus, fixture);
    const search = new KnowledgeSearch(testDb.database);
    const loadStart = performance.now();
    for (let i = 0; i < articles.length; i += BATCH) {
      await testDb.database.write(async (trx) => {
        for (const article of articles.slice(i, i + BATCH)) await search.put(trx, article);
      });
      if ((i + BATCH) % 10_000 === 0) process.stdout.write(`  ${dialect}: ${i + BATCH} loaded\n`);
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    await settle(testDb);
    const extra = makeArticles(corpus, fixture, 50).map((a, i) => ({
      ...a,
      articleId: articles.length + i + 1,
    }));
    const put = await measurePuts(testDb, search, extra);
    const { query, appeal } = makeQueries(corpus, fixture, articles);
    await measure(search, [...query.slice(0, 20), ...appeal.slice(0, 20)]); // warm-up
    const result: KnowledgeSearchBenchResult = {
      dialect,
      articles: articles.length,
      loadSeconds,
      put,
      query: await measure(search, query),
      appeal: await measure(search, appeal),
    };
    return result;
  } finally {
    await testDb.drop();
  }
}

const ms = (value: number): string => `${value.toFixed(1).padStart(6)} ms`;

/** Runs the knowledge search benchmark on every reachable database and prints its figures. */
export async function runKnowledgeSearchBench(): Promise<KnowledgeSearchBenchResult[]> {
  let corpus = teddyCorpus();
  if (!corpus) {
    console.log(`${DATA_DIR} not found: using the built-in text generator`);
    corpus = builtInCorpus();
  }
  console.log(
    `knowledge search: ${ARTICLES} articles from ${corpus.source}, ${QUERIES_PER_MODE} queries per mode`,
  );
  const results: KnowledgeSearchBenchResult[] = [];
  for (const dialect of TEST_DIALECTS) {
    const result = await benchDialect(dialect, corpus);
    results.push(result);
    console.log(
      `${dialect}: loaded ${result.articles} articles in ${result.loadSeconds.toFixed(1)} s; publishing one more: p50 ${ms(result.put.p50)}, p95 ${ms(result.put.p95)}`,
    );
    for (const mode of ['query', 'appeal'] as const) {
      const m = result[mode];
      console.log(
        `  ${mode.padEnd(6)} p50 ${ms(m.p50)}  p95 ${ms(m.p95)}  p99 ${ms(m.p99)}  max ${ms(m.max)}  with hits ${(m.withHits * 100).toFixed(0)} %${m.found === null ? '' : `  source article in top 5: ${(m.found * 100).toFixed(0)} %`}`,
      );
    }
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runKnowledgeSearchBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
