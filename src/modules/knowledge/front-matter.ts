// Markdown files with front matter: the small part of YAML our fields need, read and written
// without a YAML library. Pure.
//
//   ---
//   title: 停水了怎么办
//   keywords: [停水, "水压低"]
//   synonyms:
//     - 没水
//   expires_on:
//   ---
//   Markdown body…
//
// Values are plain scalars, "double-quoted" (JSON escapes), 'single-quoted' ('' is a quote),
// flow lists [a, "b"] or block lists of "- item" lines; an empty value, ~ or null is null.

export type FrontMatterValue = string | string[] | null;

/** A problem at a line of the file (counted from 1), about a field when known. */
export class FrontMatterError extends Error {
  constructor(
    readonly line: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FrontMatterDocument {
  /** The fields in file order, with the line each is on. */
  fields: Map<string, { value: FrontMatterValue; line: number }>;
  body: string;
}

const KEY_LINE = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*)|\s*)$/;
const ITEM_LINE = /^\s+-(?:\s+(.*)|\s*)$/;

function unquoteDouble(text: string, line: number, field: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'string') return value;
  } catch {
    // reported below
  }
  throw new FrontMatterError(
    line,
    field,
    `${field}: a double-quoted value is not closed or has a bad escape`,
  );
}

/** Reads one scalar; `rest` is what follows it, for flow lists. */
function readScalar(
  text: string,
  line: number,
  field: string,
  stops: string,
): { value: string | null; rest: string } {
  const source = text.trimStart();
  if (source.startsWith('"')) {
    let end = 1;
    while (end < source.length && source[end] !== '"') end += source[end] === '\\' ? 2 : 1;
    if (end >= source.length) unquoteDouble(source, line, field);
    return {
      value: unquoteDouble(source.slice(0, end + 1), line, field),
      rest: source.slice(end + 1),
    };
  }
  if (source.startsWith("'")) {
    let end = 1;
    let value = '';
    for (;;) {
      if (end >= source.length)
        throw new FrontMatterError(line, field, `${field}: a single-quoted value is not closed`);
      if (source[end] === "'") {
        if (source[end + 1] !== "'") break;
        value += "'";
        end += 2;
      } else value += source[end++];
    }
    return { value, rest: source.slice(end + 1) };
  }
  let end = 0;
  while (end < source.length && !stops.includes(source[end]!)) {
    if (source[end] === '#' && (end === 0 || /\s/.test(source[end - 1]!))) break;
    end++;
  }
  const plain = source.slice(0, end).trim();
  const rest = source.slice(end);
  return { value: plain === '' || plain === '~' || plain === 'null' ? null : plain, rest };
}

function afterValue(rest: string, line: number, field: string): void {
  const tail = rest.trim();
  if (tail !== '' && !tail.startsWith('#')) {
    throw new FrontMatterError(line, field, `${field}: unexpected text after the value: ${tail}`);
  }
}

function readFlowList(text: string, line: number, field: string): string[] {
  const items: string[] = [];
  let rest = text.trimStart().slice(1);
  if (rest.trimStart().startsWith(']')) {
    afterValue(rest.trimStart().slice(1), line, field);
    return items;
  }
  for (;;) {
    const { value, rest: after } = readScalar(rest, line, field, ',]');
    if (value !== null) items.push(value);
    const next = after.trimStart();
    if (next.startsWith(',')) rest = next.slice(1);
    else if (next.startsWith(']')) {
      afterValue(next.slice(1), line, field);
      return items;
    } else throw new FrontMatterError(line, field, `${field}: a list must end with ]`);
  }
}

function readValue(text: string, line: number, field: string): FrontMatterValue {
  if (text.trimStart().startsWith('[')) return readFlowList(text, line, field);
  const { value, rest } = readScalar(text, line, field, '');
  afterValue(rest, line, field);
  return value;
}

/** Splits a Markdown file into its front matter fields and its body. */
export function parseFrontMatter(text: string): FrontMatterDocument {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') {
    throw new FrontMatterError(
      1,
      'front matter',
      'the file must start with a --- line (front matter)',
    );
  }
  const fields = new Map<string, { value: FrontMatterValue; line: number }>();
  let index = 1;
  for (; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNo = index + 1;
    if (raw.trim() === '---' || raw.trim() === '...') break;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const match = KEY_LINE.exec(raw);
    if (!match)
      throw new FrontMatterError(lineNo, 'front matter', `line ${lineNo} is not "key: value"`);
    const field = match[1]!;
    if (fields.has(field)) throw new FrontMatterError(lineNo, field, `${field} is given twice`);
    const rest = match[2] ?? '';
    let value = readValue(rest, lineNo, field);
    if (value === null && !/\S/.test(rest.replace(/#.*$/, ''))) {
      const items: string[] = [];
      while (index + 1 < lines.length && ITEM_LINE.test(lines[index + 1]!)) {
        index++;
        const item = readValue(ITEM_LINE.exec(lines[index]!)![1] ?? '', index + 1, field);
        if (Array.isArray(item))
          throw new FrontMatterError(index + 1, field, `${field}: nested lists are not supported`);
        if (item !== null) items.push(item);
      }
      if (items.length > 0) value = items;
    }
    fields.set(field, { value, line: lineNo });
  }
  if (index >= lines.length) {
    throw new FrontMatterError(
      lines.length,
      'front matter',
      'the front matter is never closed with ---',
    );
  }
  return {
    fields,
    body: lines
      .slice(index + 1)
      .join('\n')
      .replace(/^\n+/, ''),
  };
}

// Plain scalars are left unquoted only when no YAML reader could take them for something else.
const PLAIN_SAFE = /^[\p{L}][\p{L}\p{N}_.\- ]*$/u;
const YAML_WORDS = /^(?:null|true|false|yes|no|on|off|~)$/i;

function writeScalar(value: string, plainDate: boolean): string {
  if (plainDate && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (PLAIN_SAFE.test(value) && value.trim() === value && !YAML_WORDS.test(value)) return value;
  return JSON.stringify(value);
}

/** Writes fields as front matter followed by the body. Lists are written [a, "b"]; null is empty. */
export function writeFrontMatter(
  fields: readonly (readonly [string, FrontMatterValue | number])[],
  body: string,
): string {
  const lines = ['---'];
  for (const [key, value] of fields) {
    if (value === null) lines.push(`${key}:`);
    else if (typeof value === 'number') lines.push(`${key}: ${value}`);
    else if (Array.isArray(value))
      lines.push(`${key}: [${value.map((item) => writeScalar(item, false)).join(', ')}]`);
    else lines.push(`${key}: ${writeScalar(value, true)}`);
  }
  lines.push('---', '', body);
  return `${lines.join('\n')}\n`;
}
