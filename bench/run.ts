import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../src/test-support/databases.js';
import { createFixture, FIXTURE_PASSWORD } from '../src/test-support/fixtures.js';
import {
  freePort,
  startServer,
  waitForExit,
  type ServerProcess,
} from '../src/test-support/server-process.js';
import { buildServer } from '../scripts/build.js';
import { fillTickets } from './fill.js';
import { runKnowledgeSearchBench } from './knowledge-search.js';
import { reportOperatorScreenBench } from './operator-screen.js';
import { runSupervisionBench } from './supervision.js';

// npm run bench: each part in turn, or those named in BENCH_PARTS (comma-separated):
// - core: durable ticket creation over HTTP against a bare fastify route, at 50 concurrent
//   clients, then the server's memory with BENCH_TICKETS (default 1,000,000) tickets stored;
//   BENCH_DIALECT=postgres runs it on the local PostgreSQL; BENCH_SECONDS sets each run's length.
// - knowledge: knowledge search latency over 50,000 articles, on SQLite and PostgreSQL.
// - operator: the operator screen in Chromium, timed by the browser (interactive, keystrokes).
// - supervision: the month's ranking and the dashboard queries at 1M and 10M tickets, with
//   DuckDB over Parquet as the reference (BENCH_SUPERVISION_SIZES to choose the sizes).

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const BIG = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const dialect = process.env.BENCH_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

async function load(
  url: string,
  options: Partial<autocannon.Options>,
  seconds = SECONDS,
): Promise<Run> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, ...options });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function startBare(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}/bare`, stop: () => child.kill('SIGTERM') };
}

async function login(server: ServerProcess): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'op1', password: FIXTURE_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const ticketBody = JSON.stringify({
  channel: 'phone',
  appealType: 'complaint',
  urgency: 'normal',
  description: '江阳区南城街道佳乐世纪城小区门口路灯已经三天不亮，晚上出行很不安全，请尽快维修。',
  address: '江阳区佳乐世纪城3栋',
  citizenName: '张𠮷',
  citizenPhone: '13800001111',
  disposition: 'dispatch',
});

async function createTickets(server: ServerProcess, seconds = SECONDS): Promise<Run> {
  const cookie = await login(server);
  return load(
    `${server.baseUrl}/api/v1/tickets`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: ticketBody,
    },
    seconds,
  );
}

const line = (label: string, run: Run) =>
  `${label.padEnd(34)} ${String(run.rps).padStart(7)} req/s   p50 ${String(run.p50).padStart(4)} ms   p99 ${String(run.p99).padStart(4)} ms   ok ${run.ok}   errors ${run.errors}`;

async function runCoreBench(): Promise<void> {
  await buildServer();
  console.log(
    `OpenHotline bench on ${dialect}, ${CONNECTIONS} concurrent clients, ${SECONDS} s per run`,
  );
  const testDb = await createTestDatabase(dialect);
  await createFixture(testDb.database);
  const url = testDb.searchPath
    ? `${testDb.url}?options=${encodeURIComponent(`-c search_path=${testDb.searchPath}`)}`
    : testDb.url;

  const bare = await startBare();
  await load(bare.url, { method: 'POST' }, 2); // warm-up
  const bareRun = await load(bare.url, { method: 'POST' });
  bare.stop();

  let server = await startServer({ DATABASE_URL: url });
  await createTickets(server, 2); // warm-up
  const ticketRun = await createTickets(server);
  server.child.kill('SIGTERM');
  await waitForExit(server.child);

  console.log(line('bare fastify route (constant)', bareRun));
  console.log(line('durable ticket creation', ticketRun));
  console.log(`ratio ticket/bare: ${(ticketRun.rps / bareRun.rps).toFixed(3)}`);

  const existing = Number(
    (
      await testDb.database.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const toFill = Math.max(BIG - existing, 0);
  const fillStart = Date.now();
  await fillTickets(testDb.database, toFill, (done) => {
    if (done % 100_000 === 0) process.stdout.write(`  filled ${done}\n`);
  });
  console.log(`filled ${toFill} tickets in ${((Date.now() - fillStart) / 1000).toFixed(0)} s`);

  server = await startServer({ DATABASE_URL: url });
  await createTickets(server, 2); // warm-up, as for the first run
  const bigRun = await createTickets(server);
  const cookie = await login(server);
  const listRun = await load(
    `${server.baseUrl}/api/v1/tickets?q=${encodeURIComponent('路灯')}&pageSize=20`,
    { headers: { cookie } },
  );
  const memory = rssMb(server.child.pid!);
  server.child.kill('SIGTERM');
  await waitForExit(server.child);

  console.log(line(`creation with ${BIG} stored`, bigRun));
  console.log(line(`search "路灯" with ${BIG} stored`, listRun));
  console.log(`server RSS with ${BIG} tickets: ${memory.rss} MB now, ${memory.peak} MB peak`);

  const results = {
    at: new Date().toISOString(),
    dialect,
    connections: CONNECTIONS,
    seconds: SECONDS,
    bare: bareRun,
    tickets: ticketRun,
    ratio: ticketRun.rps / bareRun.rps,
    big: { tickets: BIG, creation: bigRun, search: listRun, memory },
  };
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(
    path.join('bench', 'results', `core-${dialect}.json`),
    JSON.stringify(results, null, 2),
  );
  await testDb.drop();
}

const PARTS: Record<string, () => Promise<unknown>> = {
  core: runCoreBench,
  knowledge: runKnowledgeSearchBench,
  operator: reportOperatorScreenBench,
  supervision: runSupervisionBench,
};

async function main(): Promise<void> {
  const wanted = (process.env.BENCH_PARTS ?? Object.keys(PARTS).join(','))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const part of wanted) {
    const run = PARTS[part];
    if (!run)
      throw new Error(`BENCH_PARTS: unknown part ${part} (${Object.keys(PARTS).join(', ')})`);
    console.log(`\n== ${part} ==`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
