// Examples made from what a deployment has before any history: each category's names along its
// path, its keywords, and the units the dispatch catalogue sends it to. A model trained on them
// recognises an appeal that uses a category's words; real examples soon outweigh them.
import type { TrainingExample, TreeCategory } from './category-training.js';

/** How much a keyword-made example counts against one a member of staff confirmed. */
export const KEYWORD_EXAMPLE_WEIGHT = 0.5;

/**
 * Examples for every active category without active children. `unitNames` gives, per category,
 * the names of the units that lead it in the dispatch catalogue (a specialised unit's name, such as
 * 供电公司, is a strong hint; a district that leads everything is not, so callers pass only units
 * that lead few categories).
 */
export function keywordExamples(
  tree: readonly TreeCategory[],
  unitNames: ReadonlyMap<number, readonly string[]> = new Map(),
): TrainingExample[] {
  const byId = new Map(tree.map((c) => [c.id, c]));
  const hasActiveChild = new Set(
    tree.filter((c) => c.active && c.parentId !== null).map((c) => c.parentId!),
  );
  const examples: TrainingExample[] = [];
  const weight = KEYWORD_EXAMPLE_WEIGHT;
  for (const category of tree) {
    if (!category.active || hasActiveChild.has(category.id)) continue;
    const names: string[] = [];
    const keywords: string[] = [];
    for (let c: TreeCategory | undefined = category; c;) {
      names.unshift(c.name);
      keywords.push(...c.keywords);
      c = c.parentId === null ? undefined : byId.get(c.parentId);
    }
    const own = [category.name, ...category.keywords];
    const units = unitNames.get(category.id) ?? [];
    const texts = [
      [...names, ...keywords, ...units].join(' '),
      own.join(' '),
      ...category.keywords.map((k) => `${category.name} ${k}`),
      ...units.map((u) => `${category.name} ${u}`),
    ];
    for (const text of new Set(texts)) examples.push({ text, categoryId: category.id, weight });
  }
  return examples;
}
