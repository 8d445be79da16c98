// `npm run eval -- replies`: scores the Teddy Cup 附件4 replies and reports their agreement with
// the two teams' annotations; writes dist/eval/reply-quality.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  evaluateReplyQuality,
  loadReplies,
  missingReplyFiles,
  replyEvalMarkdown,
} from './reply-quality-eval.js';

const dataDir = path.resolve(process.env.TEDDY_DIR ?? '../shared/data/teddy2020c');
const missing = missingReplyFiles(dataDir);
if (missing.length > 0) {
  console.error(`eval replies: the Teddy Cup data is missing: ${missing.join(', ')}`);
  process.exit(1);
}
const report = evaluateReplyQuality(loadReplies(dataDir));
const text = replyEvalMarkdown(report);
console.log(text);
mkdirSync('dist/eval', { recursive: true });
writeFileSync('dist/eval/reply-quality.json', `${JSON.stringify(report, null, 2)}\n`);
writeFileSync('dist/eval/reply-quality.md', text);
console.log('written: dist/eval/reply-quality.json, dist/eval/reply-quality.md');
