// The 2020 Teddy Cup (泰迪杯) problem C data in ../shared/data/teddy2020c: citizens' messages to a
// provincial "ask the government" board with first-level categories, and the competition's
// category tree (附件1). Read with the platform's own CSV parser.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../src/platform/csv.js';
import type { TreeCategory } from '../src/modules/intelligence/index.js';

export const TEDDY_FILES = {
  tree: 'attachment1_category_tree.csv',
  titles: 'attachment2_titles_labels.csv',
  details: 'attachment2_details_labels.csv',
  sample: 'sample_attachment2_495.csv',
} as const;

export interface LabelledText {
  text: string;
  /** First-level category name (一级标签). */
  label: string;
  kind: 'title' | 'detail';
}

export interface TeddyData {
  tree: TreeCategory[];
  /** Category id of each first-level name. */
  topLevel: Map<string, number>;
  texts: LabelledText[];
  /** Full records of the official sample: title, detail and label. */
  sample: Array<{ title: string; detail: string; label: string }>;
  /** Title rows dropped as exact repeats of another title (the label kept is the most common). */
  repeatedTitles: number;
  /** Detail rows dropped because the same text is a title (or an earlier detail). */
  repeatedDetails: number;
}

/** The data folder, or the files missing from it (none when complete). */
export function missingTeddyFiles(dir: string): string[] {
  return Object.values(TEDDY_FILES)
    .map((file) => path.join(dir, file))
    .filter((file) => !existsSync(file));
}

const read = (dir: string, file: string) =>
  parseCsv(readFileSync(path.join(dir, file), 'utf8')).slice(1);

/** Whitespace is removed everywhere, as the data's uploader did for titles and details. */
const clean = (text: string) => text.replace(/[\s\u3000\xa0]/g, '');

export function loadTeddy(dir: string): TeddyData {
  const tree: TreeCategory[] = [];
  const ids = new Map<string, number>();
  const topLevel = new Map<string, number>();
  const idOf = (parentId: number | null, name: string) => {
    const key = `${parentId ?? ''}/${name}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = tree.length + 1;
      ids.set(key, id);
      tree.push({ id, parentId, name, keywords: [], active: true });
      if (parentId === null) topLevel.set(name, id);
    }
    return id;
  };
  for (const [first, second, third] of read(dir, TEDDY_FILES.tree)) {
    const a = idOf(null, first!);
    const b = idOf(a, second!);
    idOf(b, third!);
  }
  // A title may appear several times (and once with two labels): keep one, with its usual label.
  const titleLabels = new Map<string, Map<string, number>>();
  let titleRows = 0;
  for (const [title, label] of read(dir, TEDDY_FILES.titles)) {
    titleRows++;
    const labels = titleLabels.get(title!) ?? new Map<string, number>();
    labels.set(label!, (labels.get(label!) ?? 0) + 1);
    titleLabels.set(title!, labels);
  }
  const texts: LabelledText[] = [];
  for (const [text, labels] of titleLabels) {
    const label = [...labels].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    texts.push({ text, label, kind: 'title' });
  }
  // A few details are word for word a title: each text is kept once, so none can be on both
  // sides of the split.
  const seen = new Set(titleLabels.keys());
  let repeatedDetails = 0;
  for (const [text, label] of read(dir, TEDDY_FILES.details)) {
    if (seen.has(text!)) {
      repeatedDetails++;
      continue;
    }
    seen.add(text!);
    texts.push({ text: text!, label: label!, kind: 'detail' });
  }
  const sample = read(dir, TEDDY_FILES.sample).map((r) => ({
    title: clean(r[2]!),
    detail: clean(r[4]!),
    label: r[5]!,
  }));
  return {
    tree,
    topLevel,
    texts,
    sample,
    repeatedTitles: titleRows - titleLabels.size,
    repeatedDetails,
  };
}
