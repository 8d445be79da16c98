// Seeded randomness, so training and the evaluation's split give the same result on every run.

/** mulberry32: a small, fast generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Splits items into (kept, heldOut) so that each stratum (e.g. a label) gives `fraction` of its
 * items, rounded, to the held-out part. Deterministic for a seed; every item lands in exactly one part.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  stratum: (item: T) => string,
  fraction: number,
  seed: number,
): { kept: T[]; heldOut: T[] } {
  const random = seededRandom(seed);
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = stratum(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const kept: T[] = [];
  const heldOut: T[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = shuffleInPlace(groups.get(key)!, random);
    const count = Math.round(group.length * fraction);
    heldOut.push(...group.slice(0, count));
    kept.push(...group.slice(count));
  }
  return { kept, heldOut };
}
