import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../platform/csv.js';
import { assessUrgency, type UrgencyLevel } from './urgency-rules.js';

// The Teddy Cup messages (a provincial "ask the government" board) carry no urgency labels: this
// measures how many an operator would see flagged and prints a sample to read by eye.
const dir = path.resolve('../shared/data/teddy2020c');
const FILES = ['attachment2_details_labels.csv', 'attachment3_messages_with_votes.csv'];
const missing = FILES.filter((file) => !existsSync(path.join(dir, file)));
if (missing.length > 0) {
  const message = `the Teddy Cup data is missing (${missing.join(', ')})`;
  if (process.env.CI === 'true') throw new Error(`${message}: under CI=true it must be there`);
  console.warn(`${message}: the urgency measurement on it is skipped`);
}

const rows = (file: string) => parseCsv(readFileSync(path.join(dir, file), 'utf8')).slice(1);
const clean = (text: string) => text.replace(/[\s\u3000\xa0]/g, '');

describe.runIf(missing.length === 0)('urgency on the Teddy Cup messages', () => {
  it('flags few of the board’s messages, each for words it really holds', () => {
    const texts = new Set<string>();
    for (const [detail] of rows(FILES[0]!)) if (detail) texts.add(clean(detail));
    for (const row of rows(FILES[1]!)) texts.add(clean(`${row[2] ?? ''}\n${row[4] ?? ''}`));
    const counts: Record<UrgencyLevel, number> = { normal: 0, urgent: 0, emergency: 0 };
    const flagged: Array<{ text: string; reasons: string }> = [];
    for (const text of texts) {
      const result = assessUrgency(text);
      counts[result.level]++;
      for (const reason of result.reasons) expect(text).toContain(reason.phrase);
      if (result.level === 'emergency')
        flagged.push({
          text,
          reasons: result.reasons
            .map((r) => `${r.phrase}/${r.danger}${r.referral ? `→${r.referral}` : ''}`)
            .join(' '),
        });
    }
    const share = (n: number) => `${((100 * n) / texts.size).toFixed(2)}%`;
    const step = Math.max(1, Math.floor(flagged.length / 20));
    const sample = flagged.filter((_, i) => i % step === 0).slice(0, 20);
    console.log(
      `Teddy messages: ${texts.size}; emergency ${counts.emergency} (${share(counts.emergency)}), ` +
        `urgent ${counts.urgent} (${share(counts.urgent)})\n` +
        sample.map((f, i) => `${i + 1}. [${f.reasons}] ${f.text.slice(0, 110)}`).join('\n'),
    );
    // A board of everyday matters: emergencies are rare on it.
    expect(counts.emergency / texts.size).toBeLessThan(0.08);
    expect(counts.emergency).toBeGreaterThan(0);
  });
});
