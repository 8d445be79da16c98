// Which district and street an address or an appeal names: every name, short form (纳溪 for
// 纳溪区, 永宁 for 永宁街道) and alias of the organisation's districts, streets/towns and
// communities in one character trie, read leftmost-longest over the text (Chinese has no word
// spaces, and 大山坪社区 must win over 大山坪). The candidates are weighed against each other:
// a street agreeing with its named district is sure, one contradicting it is not. Pure: no I/O.

export type PlaceUnitType = 'district' | 'street' | 'community';

/** A unit as the index needs it (active units only). */
export interface PlaceUnit {
  id: number;
  name: string;
  nameEn: string | null;
  type: PlaceUnitType;
  parentId: number | null;
  districtId: number | null;
  aliases: readonly string[];
}

/** How a term names its unit: the full name, a short form, or an alias kept by the organisation. */
type TermForm = 'name' | 'short' | 'alias';

interface Target {
  unitId: number;
  type: PlaceUnitType;
  districtId: number;
  streetId: number | null;
  form: TermForm;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  targets: Target[];
}

export interface PlaceIndex {
  root: TrieNode;
  districts: Map<number, { id: number; name: string; nameEn: string | null }>;
  streets: Map<number, { id: number; name: string; nameEn: string | null; districtId: number }>;
}

export interface PlaceCandidate {
  districtId: number;
  districtName: string;
  streetId: number | null;
  streetName: string | null;
  confidence: number;
}

export interface PlaceMatch extends PlaceCandidate {
  /** The words of the text that name the place (several joined by "、"). */
  matched: string;
  alternatives: PlaceCandidate[];
}

// Suffixes dropped for a short form; longest first. A short form keeps at least two characters.
const SHORT_SUFFIXES: Record<PlaceUnitType, readonly string[]> = {
  district: ['自治县', '新区', '区', '县', '市'],
  street: ['街道办事处', '办事处', '苗族乡', '彝族乡', '民族乡', '街道', '镇', '乡'],
  community: ['社区居委会', '村民委员会', '居民委员会', '居委会', '村委会', '社区', '村'],
};

/** How sure one mention makes us, by what it names and how. */
const BASE: Record<PlaceUnitType, Record<TermForm, number>> = {
  district: { name: 0.85, alias: 0.8, short: 0.7 },
  street: { name: 0.8, alias: 0.7, short: 0.45 },
  community: { name: 0.75, alias: 0.65, short: 0.45 },
};
/** A street contradicting the district named beside it (or two districts named). */
const CONFLICT = 0.6;
/** Several streets of one district named: the district is known, the street less so. */
const SEVERAL_STREETS = 0.75;
const MAX_CONFIDENCE = 0.97;
/** A street named at least this strongly (in full, or by alias) contradicts a named district. */
const STRONG_STREET = 0.65;
const WEAK_CONFLICT = 0.85;
/** How much more strongly one street must be named than another to stand alone. */
const CLEARLY_BETTER = 0.15;
const pick = (d: { first: number; words: string[] }) => ({ first: d.first, words: d.words });
const MAX_ALTERNATIVES = 4;

const chars = (text: string) => Array.from(text);

function shortForm(name: string, type: PlaceUnitType): string | null {
  for (const suffix of SHORT_SUFFIXES[type]) {
    if (!name.endsWith(suffix)) continue;
    const short = name.slice(0, -suffix.length);
    return chars(short).length >= 2 ? short : null;
  }
  return null;
}

const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

/** Builds the trie of every active district, street and community's names. */
export function buildPlaceIndex(units: readonly PlaceUnit[]): PlaceIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const root: TrieNode = { next: new Map(), targets: [] };
  const districts: PlaceIndex['districts'] = new Map();
  const streets: PlaceIndex['streets'] = new Map();

  const add = (term: string, target: Target) => {
    let node = root;
    for (const ch of chars(normalise(term.trim()))) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), targets: [] }));
      node = child;
    }
    if (node === root) return;
    const same = node.targets.find((t) => t.unitId === target.unitId);
    // A unit named twice by one term keeps its strongest form.
    if (!same) node.targets.push(target);
    else if (BASE[target.type][target.form] > BASE[same.type][same.form]) same.form = target.form;
  };

  for (const unit of units) {
    let districtId: number | null;
    let streetId: number | null = null;
    if (unit.type === 'district') districtId = unit.id;
    else if (unit.type === 'street') {
      districtId = unit.districtId;
      streetId = unit.id;
    } else {
      // A community names its street (its parent) and district.
      const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
      districtId = unit.districtId;
      streetId = parent?.type === 'street' ? parent.id : null;
    }
    if (districtId === null) continue;
    if (unit.type === 'district')
      districts.set(unit.id, { id: unit.id, name: unit.name, nameEn: unit.nameEn });
    if (unit.type === 'street')
      streets.set(unit.id, { id: unit.id, name: unit.name, nameEn: unit.nameEn, districtId });
    const target = (form: TermForm): Target => ({
      unitId: unit.id,
      type: unit.type,
      districtId,
      streetId,
      form,
    });
    add(unit.name, target('name'));
    const short = shortForm(unit.name, unit.type);
    if (short) add(short, target('short'));
    for (const alias of unit.aliases)
      if (chars(alias.trim()).length >= 2) add(alias, target('alias'));
  }
  return { root, districts, streets };
}

interface Mention {
  start: number;
  text: string;
  targets: Target[];
}

/** Leftmost-longest: at each position the longest term, then on after it. */
function mentions(index: PlaceIndex, text: string): Mention[] {
  const source = chars(text);
  const folded = chars(normalise(text));
  // NFKC may change the length (rare ligatures); then read the folded text as it is.
  const letters = folded.length === source.length ? folded : source;
  const found: Mention[] = [];
  let i = 0;
  while (i < letters.length) {
    let node: TrieNode | undefined = index.root;
    let best: { end: number; targets: Target[] } | null = null;
    for (let j = i; j < letters.length && node; j++) {
      node = node.next.get(letters[j]!);
      if (node && node.targets.length > 0) best = { end: j + 1, targets: node.targets };
    }
    if (best) {
      found.push({ start: i, text: source.slice(i, best.end).join(''), targets: best.targets });
      i = best.end;
    } else i++;
  }
  return found;
}

interface Scored {
  districtId: number;
  streetId: number | null;
  score: number;
  /** How strongly the street itself is named (0 for a district alone). */
  base: number;
  first: number;
  words: string[];
}

/** The place a text names, with the other readings; null when it names none. */
export function findPlace(index: PlaceIndex, text: string): PlaceMatch | null {
  const found = mentions(index, text);
  if (found.length === 0) return null;

  const districtScores = new Map<number, { score: number; first: number; words: string[] }>();
  const streetHits: Array<{
    districtId: number;
    streetId: number | null;
    base: number;
    m: Mention;
  }> = [];
  for (const m of found) {
    const districtTargets = m.targets.filter((t) => t.type === 'district');
    // 合江 is both 合江县 and 合江镇 in it: the district reading wins within its own district.
    let others = m.targets.filter(
      (t) => t.type !== 'district' && !districtTargets.some((d) => d.districtId === t.districtId),
    );
    // 永宁 is 永宁街道 rather than 永宁社区 (of another street) in the same district.
    others = others.filter(
      (t) =>
        t.type === 'street' ||
        !others.some((o) => o.type === 'street' && o.districtId === t.districtId),
    );
    const readings = districtTargets.length + others.length;
    for (const t of districtTargets) {
      const score = BASE.district[t.form] / readings;
      const known = districtScores.get(t.districtId);
      if (!known) districtScores.set(t.districtId, { score, first: m.start, words: [m.text] });
      else {
        known.score = Math.max(known.score, score);
        if (!known.words.includes(m.text)) known.words.push(m.text);
      }
    }
    for (const t of others)
      streetHits.push({
        districtId: t.districtId,
        streetId: t.streetId,
        base: BASE[t.type][t.form] / readings,
        m,
      });
  }

  const candidates = new Map<string, Scored>();
  const put = (c: Scored) => {
    const key = `${c.districtId}:${c.streetId ?? ''}`;
    const known = candidates.get(key);
    if (!known) candidates.set(key, c);
    else {
      known.score = Math.max(known.score, c.score);
      known.base = Math.max(known.base, c.base);
      known.first = Math.min(known.first, c.first);
      for (const w of c.words) if (!known.words.includes(w)) known.words.push(w);
    }
  };

  const namedDistricts = [...districtScores.keys()];
  for (const hit of streetHits) {
    const district = districtScores.get(hit.districtId);
    let score = hit.base;
    const words = [hit.m.text];
    if (district) {
      score = 1 - (1 - hit.base) * (1 - district.score);
      words.unshift(...district.words);
    } else if (namedDistricts.length > 0) score *= CONFLICT;
    put({
      districtId: hit.districtId,
      streetId: hit.streetId,
      score,
      base: hit.base,
      first: Math.min(hit.m.start, district?.first ?? Infinity),
      words,
    });
  }

  const streetDistricts = new Set(streetHits.map((h) => h.districtId));
  for (const [districtId, d] of districtScores) {
    if (streetDistricts.has(districtId)) {
      // The district alone stays a reading (the street may be wrong), a little below.
      put({ districtId, streetId: null, score: d.score * 0.9, base: 0, ...pick(d) });
      continue;
    }
    // Contradicted by another district, or by a street named in full; a short form (红星 of
    // 红星街道 in 红星路) contradicts it less.
    const strongStreet = streetHits.some((h) => h.base >= STRONG_STREET);
    const factor =
      namedDistricts.length > 1 || strongStreet
        ? CONFLICT
        : streetHits.length > 0
          ? WEAK_CONFLICT
          : 1;
    put({
      districtId,
      streetId: null,
      base: 0,
      score: d.score * factor,
      ...pick(d),
    });
  }

  // Several streets of one district: the one named clearly best (永宁街道 beside 云溪 of 云溪社区)
  // keeps its score; comparable ones are each less sure.
  const streetCandidates = [...candidates.values()].filter((c) => c.streetId !== null);
  for (const c of streetCandidates) {
    const rivals = streetCandidates.filter((o) => o !== c && o.districtId === c.districtId);
    if (rivals.some((o) => o.base > c.base - CLEARLY_BETTER)) c.score *= SEVERAL_STREETS;
  }

  const ranked = [...candidates.values()]
    .filter((c) => index.districts.has(c.districtId))
    .sort((a, b) => b.score - a.score || a.first - b.first);
  const [best, ...rest] = ranked;
  if (!best) return null;
  const view = (c: Scored): PlaceCandidate => ({
    districtId: c.districtId,
    districtName: index.districts.get(c.districtId)!.name,
    streetId: c.streetId,
    streetName: c.streetId === null ? null : (index.streets.get(c.streetId)?.name ?? null),
    confidence: Math.round(Math.min(MAX_CONFIDENCE, c.score) * 100) / 100,
  });
  return {
    ...view(best),
    matched: best.words.join('、'),
    // A district-only reading of the best street's own district adds nothing.
    alternatives: rest
      .filter((c) => !(c.districtId === best.districtId && c.streetId === null && best.streetId))
      .slice(0, MAX_ALTERNATIVES)
      .map(view),
  };
}
