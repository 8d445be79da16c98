// `npm run eval -- hotspots`: our top-5 hot issues on 附件3 against the reference team's top 5;
// writes dist/eval/hotspots.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateHotspots, hotspotsMarkdown, missingHotspotFiles } from './hotspots-eval.js';

const dir = path.resolve(process.env.TEDDY_DIR ?? '../shared/data/teddy2020c');
const missing = missingHotspotFiles(dir);
if (missing.length > 0) {
  console.error(`eval: the Teddy Cup hot-issue data is missing: ${missing.join(', ')}`);
  process.exit(1);
}
const report = evaluateHotspots(dir);
const text = hotspotsMarkdown(report);
console.log(text);
mkdirSync('dist/eval', { recursive: true });
writeFileSync('dist/eval/hotspots.json', `${JSON.stringify(report, null, 2)}\n`);
writeFileSync('dist/eval/hotspots.md', text);
console.log('written: dist/eval/hotspots.json, dist/eval/hotspots.md');
