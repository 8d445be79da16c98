// Articles are written in Markdown and shown as HTML rendered here, on the server: raw HTML in the
// source is escaped (html: false) and links keep markdown-it's own check, which refuses
// javascript:, vbscript:, file: and non-image data: URLs (docs/decisions.md).
import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

// Links leave the page they are read on (an operator's screen, the portal) in a new tab, and the
// opened page gets no handle on ours.
const defaultLinkOpen = markdown.renderer.rules.link_open;
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, index, options, env, self)
    : self.renderToken(tokens, index, options);
};

/** The sanitized HTML of an article's Markdown body. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

function inlineText(children: Token[] | null): string {
  let text = '';
  for (const child of children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += '\n';
    else if (child.type === 'image') text += inlineText(child.children);
  }
  return text;
}

/** The words of a Markdown text without its markup (an answer read out or sent as a message). */
export function markdownToPlainText(source: string): string {
  const blocks: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'inline') blocks.push(inlineText(token.children));
    else if (token.type === 'fence' || token.type === 'code_block')
      blocks.push(token.content.trimEnd());
  }
  return blocks.filter((block) => block.trim() !== '').join('\n');
}
