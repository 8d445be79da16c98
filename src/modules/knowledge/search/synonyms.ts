import { queryPieces } from './analyzer.js';

/** A run of a query's pieces that is one member of a synonym group. */
export interface SynonymSpan {
  start: number;
  length: number;
  /** The group's other members, as query terms. */
  alternatives: string[][];
}

interface Member {
  group: number;
  terms: string[];
}

/**
 * Finds the words of equivalence groups (路灯/街灯, 停水/断水/没水) in a query's pieces. A
 * member is matched as its own query terms in a row, so 公积金 matches inside 住房公积金提取;
 * longer members win over the shorter ones they overlap.
 */
export class SynonymMatcher {
  private readonly groups: string[][][];
  private readonly byFirstTerm = new Map<string, Member[]>();

  constructor(groups: ReadonlyArray<readonly string[]>) {
    this.groups = groups.map((members) => {
      const seen = new Set<string>();
      const sequences: string[][] = [];
      for (const member of members) {
        const terms = queryPieces(member).map((p) => p.term);
        const key = terms.join(' ');
        if (terms.length === 0 || seen.has(key)) continue;
        seen.add(key);
        sequences.push(terms);
      }
      return sequences;
    });
    this.groups.forEach((sequences, group) => {
      if (sequences.length < 2) return;
      for (const terms of sequences) {
        const list = this.byFirstTerm.get(terms[0]!) ?? [];
        list.push({ group, terms });
        this.byFirstTerm.set(terms[0]!, list);
      }
    });
  }

  get size(): number {
    return this.groups.length;
  }

  find(terms: readonly string[]): SynonymSpan[] {
    const found: Array<Member & { start: number }> = [];
    terms.forEach((term, start) => {
      for (const member of this.byFirstTerm.get(term) ?? []) {
        if (member.terms.every((t, i) => terms[start + i] === t)) found.push({ ...member, start });
      }
    });
    found.sort((a, b) => b.terms.length - a.terms.length || a.start - b.start);
    const taken = new Array<boolean>(terms.length).fill(false);
    const spans: SynonymSpan[] = [];
    for (const match of found) {
      const end = match.start + match.terms.length;
      if (taken.slice(match.start, end).some(Boolean)) continue;
      taken.fill(true, match.start, end);
      const key = match.terms.join(' ');
      const alternatives = this.groups[match.group]!.filter((s) => s.join(' ') !== key);
      spans.push({ start: match.start, length: match.terms.length, alternatives });
    }
    return spans.sort((a, b) => a.start - b.start);
  }
}
