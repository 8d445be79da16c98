import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, DUPLICATE_THRESHOLD, replayDay } from '../../../../eval/duplicates-eval.js';
import { loadNycDay, missingNycFiles, NYC_DAY_FILES } from '../../../../eval/nyc311-data.js';

// The full measurement is `npm run eval -- duplicates`; this replays the first hours of each day.
const dir = path.resolve('../shared/data/nyc311');
const missing = missingNycFiles(dir);
if (missing.length > 0) {
  const message = `the NYC 311 samples are missing (${missing.join(', ')})`;
  if (process.env.CI === 'true') throw new Error(`${message}: under CI=true they must be there`);
  console.warn(`${message}: the duplicate evaluation tests are skipped`);
}

const SLICE = 2500;

describe.runIf(missing.length === 0)('duplicates on the NYC 311 day samples', () => {
  it.each(NYC_DAY_FILES)(
    'finds repeats of earlier open requests with precision and recall of at least 0.9 (%s)',
    (file) => {
      const requests = loadNycDay(path.join(dir, file)).slice(0, SLICE);
      const result = replayDay(requests, 'full', { defaultThreshold: DUPLICATE_THRESHOLD });
      const q = at(result, DUPLICATE_THRESHOLD);
      expect(result.referenceDuplicates).toBeGreaterThan(100);
      expect(q.precision).toBeGreaterThanOrEqual(0.9);
      expect(q.recall).toBeGreaterThanOrEqual(0.9);
      // The best candidate of a found repeat is one the reference names.
      expect(result.topCandidateRight).toBeGreaterThanOrEqual(0.95);
      // Each request is compared with a few open requests near it, not with every open one.
      expect(result.candidatesPerRequest.mean).toBeLessThan(requests.length / 20);
    },
  );

  it('still finds most repeats from coordinates and text alone, without the address', () => {
    const requests = loadNycDay(path.join(dir, NYC_DAY_FILES[0])).slice(0, SLICE);
    const full = at(replayDay(requests, 'full'), DUPLICATE_THRESHOLD);
    const coordsText = at(replayDay(requests, 'coords-text'), 0.3);
    expect(coordsText.recall).toBeGreaterThan(0.8);
    expect(coordsText.precision).toBeGreaterThan(0.7);
    expect(coordsText.f1).toBeLessThan(full.f1);
  });
});
