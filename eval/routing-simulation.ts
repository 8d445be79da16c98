// `npm run eval -- routing`: the router learning on a fresh Luzhou-like database with a stream
// of appeals and injected misroutes; prints the weekly return-rate curve and writes
// dist/eval/routing.{json,md}.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import {
  DEFAULT_SIMULATION,
  simulateRouting,
  type SimulationResult,
} from '../src/modules/intelligence/index.js';
import { FakeClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

function markdown(result: SimulationResult, seconds: number): string {
  const o = DEFAULT_SIMULATION;
  return [
    '# Routing: return rate as the router learns (simulation)',
    '',
    `${result.tickets} appeals over ${o.weeks} weeks (${o.ticketsPerWeek} a week), seed ${o.seed}; ` +
      `${pct(o.misrouteShare)} of human dispatches injected as misroutes; auto-dispatch from ` +
      `confidence ${o.threshold}; ${result.autoDispatched} dispatched automatically. ` +
      `Return rate = dispatches that came back (accepted 退单) ÷ dispatches. ${seconds.toFixed(1)} s.`,
    '',
    '| week | dispatches | returns | return rate | router-chosen | automatic | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...result.weeks.map(
      (w) =>
        `| ${w.week} | ${w.dispatches} | ${w.returns} | ${pct(w.returnRate)} | ${w.withRouter} | ${w.auto} | ${'█'.repeat(Math.round((w.returnRate ?? 0) * 50))} |`,
    ),
    '',
    "## Calibration: the router's first suggestion for each new appeal",
    '',
    `Expected calibration error ${pct(result.calibration.ece)}; ` +
      `${result.calibration.unsuggested} appeals without a suggestion.`,
    '',
    '| confidence | suggestions | mean confidence | right |',
    '| --- | --- | --- | --- |',
    ...result.calibration.bins.map(
      (b) =>
        `| ${b.from.toFixed(2)}–${b.to.toFixed(2)} | ${b.count} | ${pct(b.confidence)} | ${pct(b.accuracy)} |`,
    ),
    '',
  ].join('\n');
}

export async function runRoutingSimulation(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'openhotline-routing-'));
  const database = openDatabase({ url: `sqlite:${path.join(dir, 'sim.db')}` });
  try {
    await migrateToLatest(database);
    const clock = new FakeClock('2026-03-02T01:00:00.000Z');
    const services = createServices(
      database,
      loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir }),
      clock,
    );
    const started = performance.now();
    const result = await simulateRouting({ database, services, clock }, DEFAULT_SIMULATION);
    const text = markdown(result, (performance.now() - started) / 1000);
    console.log(text);
    mkdirSync('dist/eval', { recursive: true });
    writeFileSync('dist/eval/routing.json', `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync('dist/eval/routing.md', text);
    console.log('written: dist/eval/routing.json, dist/eval/routing.md');
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
