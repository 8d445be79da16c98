// An article body is Markdown; the index and the snippets use the words a reader sees.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : +name.slice(1);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The readable text of Markdown on one line: link and image texts kept; markup, URLs and HTML tags
 * dropped.
 */
export function markdownToPlainText(markdown: string): string {
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !/^\s*(?:```|~~~)/.test(line)) // code fences (their content stays)
    .filter((line) => !/^\s*\[[^\]]+\]:\s*\S+/.test(line)) // link reference definitions
    .filter((line) => !/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) // table rules
    .filter((line) => !/^\s*(?:[-*_]\s*){3,}$/.test(line)) // horizontal rules
    .map(
      (line) =>
        line
          .replace(/^\s{0,3}#{1,6}\s+/, '') // headings
          .replace(/^\s*(?:>\s?)+/, '') // quotes
          .replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, ''), // list items, task boxes
    );
  return decodeEntities(
    lines
      .join('\n')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: their alt text
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links: their text
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links
      .replace(/<(https?:\/\/[^>\s]+)>/g, '$1') // autolinks
      .replace(/<\/?[a-z][^>]*>/gi, ' ') // HTML tags
      .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1') // backslash escapes
      .replace(/(\*\*|__|~~|`+)/g, '') // bold, strike-through, code
      .replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=[\s).,;:!?，。；：！？]|$)/gm, '$1') // emphasis
      .replace(/\s*\|\s*/g, ' ') // table cells
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
