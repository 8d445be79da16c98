// `npm run eval`: trains the category model on the Teddy Cup data (../shared/data/teddy2020c) and
// reports how it does on a held-out split it never trained on; writes dist/eval/classification.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateClassifier, type EvalReport, type HeldOutScores } from './classification-eval.js';
import { loadTeddy, missingTeddyFiles } from './teddy-data.js';

// `npm run eval -- replies`: the reply quality report instead (eval/reply-quality-run.ts).
if (process.argv.slice(2).includes('replies')) {
  await import('./reply-quality-run.js');
  process.exit(0);
}

// `npm run eval -- hotspots`: hot issues on 附件3 against a reference team's top 5 (hotspots-run.ts).
if (process.argv[2] === 'hotspots') {
  await import('./hotspots-run.js');
  process.exit(0);
}

// `npm run eval -- duplicates`: the duplicate scorer on the NYC 311 day samples (duplicates-eval.ts).
if (process.argv[2] === 'duplicates') {
  const { runDuplicatesEval } = await import('./duplicates-eval.js');
  await runDuplicatesEval();
  process.exit(0);
}

// `npm run eval -- routing`: the router's return-rate curve on a simulated stream (routing-simulation.ts).
if (process.argv[2] === 'routing') {
  const { runRoutingSimulation } = await import('./routing-simulation.js');
  await runRoutingSimulation();
  process.exit(0);
}

const dataDir = path.resolve(process.env.TEDDY_DIR ?? '../shared/data/teddy2020c');
const missing = missingTeddyFiles(dataDir);
if (missing.length > 0) {
  console.error(`eval: the Teddy Cup data is missing: ${missing.join(', ')}`);
  process.exit(1);
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const ms = (x: number) => `${x.toFixed(3)} ms`;

function scoreLines(name: string, s: HeldOutScores): string[] {
  return [
    `| ${name} | ${s.count} | ${pct(s.accuracy)} | ${s.macroF1.toFixed(4)} | ${s.titles.macroF1.toFixed(4)} | ${s.details.macroF1.toFixed(4)} | ${s.expectedCalibrationError.toFixed(4)} |`,
  ];
}

function markdown(report: EvalReport): string {
  const { heldOut } = report;
  return [
    '# Classification on the Teddy Cup 2020 C data',
    '',
    `Split: seed ${report.split.seed}, ${pct(report.split.heldOutShare)} held out per label and kind; ` +
      `${report.split.train} training texts, ${report.split.heldOut} held-out texts, ` +
      `${report.split.overlap} texts in both.`,
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
    '',
    '| model | texts | accuracy | macro-F1 | titles macro-F1 | details macro-F1 | ECE |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...scoreLines('trained', heldOut),
    ...scoreLines('cold start (category names only)', report.coldStart),
    '',
    report.fullRecords
      ? `Full records (title + detail of the official sample, never trained on): ${report.fullRecords.count}, ` +
        `accuracy ${pct(report.fullRecords.accuracy)}, macro-F1 ${report.fullRecords.macroF1.toFixed(4)}.`
      : 'Full records: none of the official sample was left untrained.',
    '',
    '| class | support | precision | recall | F1 |',
    '| --- | --- | --- | --- | --- |',
    ...heldOut.perClass.map(
      (c) =>
        `| ${c.label} | ${c.support} | ${pct(c.precision)} | ${pct(c.recall)} | ${c.f1.toFixed(4)} |`,
    ),
    '',
    `Training: ${(report.trainingMs / 1000).toFixed(2)} s (processor time ${(report.trainingCpuMs / 1000).toFixed(2)} s) for ${report.exampleCount} examples ` +
      `(calibrated: ${report.calibrated ? 'yes' : 'no'}); model ${(report.modelBytes / 1024).toFixed(0)} KiB ` +
      `with ${report.features} features.`,
    `Inference per text: p50 ${ms(report.latencyMs.p50)}, p95 ${ms(report.latencyMs.p95)}, ` +
      `p99 ${ms(report.latencyMs.p99)}, max ${ms(report.latencyMs.max)} (${report.latencyMs.count} texts; ` +
      `best of 3 rounds by p99, the rounds' p99: ${report.latencyMs.roundsP99.map(ms).join(', ')}; ` +
      `processor time per text p99 ${ms(report.latencyMs.processorP99)}).`,
    '',
  ].join('\n');
}

const data = loadTeddy(dataDir);
const report = await evaluateClassifier(data);
const text = markdown(report);
console.log(text);
mkdirSync('dist/eval', { recursive: true });
writeFileSync('dist/eval/classification.json', `${JSON.stringify(report, null, 2)}\n`);
writeFileSync('dist/eval/classification.md', text);
console.log('written: dist/eval/classification.json, dist/eval/classification.md');
