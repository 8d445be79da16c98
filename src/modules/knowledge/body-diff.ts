// A readable diff of two article bodies: lines first (longest common subsequence), then the
// characters of changed lines that still resemble each other (Chinese has no words to diff by).
// Pure. Joining the equal and deleted parts gives the old text; equal and inserted, the new.

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Beyond this many table cells a change is shown as a whole deletion and insertion. */
const MAX_CELLS = 4_000_000;
/** Changed lines are diffed by character when at least this share of their characters is kept. */
const MIN_SIMILARITY = 0.5;

type Op = DiffPart['op'];

/** The edit script between two sequences, as runs of items with their operation. */
function lcsScript<T>(a: readonly T[], b: readonly T[]): { op: Op; items: T[] }[] | null {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  // lengths[i][j]: the LCS length of a[start+i..endA) and b[start+j..endB).
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[start + i] === b[start + j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const script: { op: Op; items: T[] }[] = [];
  const push = (op: Op, item: T) => {
    const last = script[script.length - 1];
    if (last?.op === op) last.items.push(item);
    else script.push({ op, items: [item] });
  };
  for (const item of a.slice(0, start)) push('equal', item);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      push('equal', a[start + i]!);
      i++;
      j++;
    } else if (j < m && (i === n || lengths[i * width + j + 1]! > lengths[(i + 1) * width + j]!)) {
      push('insert', b[start + j]!);
      j++;
    } else {
      push('delete', a[start + i]!);
      i++;
    }
  }
  for (const item of a.slice(endA)) push('equal', item);
  return script;
}

const lines = (text: string): string[] => (text === '' ? [] : text.split(/(?<=\n)/));

/** A changed block: by character when the old and new text still resemble each other. */
function changedBlock(removed: string, added: string): DiffPart[] {
  const whole: DiffPart[] = [
    ...(removed ? [{ op: 'delete' as const, text: removed }] : []),
    ...(added ? [{ op: 'insert' as const, text: added }] : []),
  ];
  if (!removed || !added) return whole;
  const before = Array.from(removed);
  const after = Array.from(added);
  const script = lcsScript(before, after);
  if (!script) return whole;
  const kept = script
    .filter((run) => run.op === 'equal')
    .reduce((sum, run) => sum + run.items.length, 0);
  if (kept / Math.max(before.length, after.length) < MIN_SIMILARITY) return whole;
  return script.map((run) => ({ op: run.op, text: run.items.join('') }));
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = out[out.length - 1];
    if (last?.op === part.op) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** The differences from `before` to `after`, as equal, deleted and inserted stretches of text. */
export function diffText(before: string, after: string): DiffPart[] {
  const script = lcsScript(lines(before), lines(after));
  if (!script) return merge(changedBlock(before, after));
  const parts: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    parts.push(...changedBlock(removed, added));
    removed = '';
    added = '';
  };
  for (const run of script) {
    if (run.op === 'equal') {
      flush();
      parts.push({ op: 'equal', text: run.items.join('') });
    } else if (run.op === 'delete') removed += run.items.join('');
    else added += run.items.join('');
  }
  flush();
  return merge(parts);
}
