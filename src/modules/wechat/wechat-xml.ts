// The XML of WeChat's server messages: read safely (no DOCTYPE, no entities: XXE), written with
// CDATA sections that survive any text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ValidationError } from '../../platform/errors.js';

/** The largest body accepted; WeChat's messages are a few kilobytes, three times that in compatible mode. */
export const XML_BODY_LIMIT = 256 * 1024;

/**
 * Whether the XML declares a DOCTYPE or an ENTITY. It walks the markup as an XML reader does, so
 * a citizen's text that says "<!DOCTYPE" inside CDATA is text, and a declaration hidden behind a
 * comment or a processing instruction is still found.
 */
export function hasDeclarations(text: string): boolean {
  let at = text.indexOf('<');
  while (at !== -1) {
    const rest = text.slice(at, at + 200);
    let end: number;
    if (rest.startsWith('<![CDATA[')) end = text.indexOf(']]>', at + 9);
    else if (rest.startsWith('<!--')) end = text.indexOf('-->', at + 4);
    else if (rest.startsWith('<?')) end = text.indexOf('?>', at + 2);
    else if (/^<!\s*(DOCTYPE|ENTITY)/i.test(rest)) return true;
    else end = at;
    if (end === -1) return false;
    at = text.indexOf('<', end + 1);
  }
  return false;
}

const parser = new XMLParser({
  // Everything stays text: a MsgId is a 64-bit number, beyond what a JavaScript number holds.
  parseTagValue: false,
  trimValues: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only the five predefined entities; declarations are refused before parsing anyway.
  processEntities: true,
  htmlEntities: false,
  maxNestedTags: 8,
});

/**
 * The fields of a `<xml>…</xml>` message, each a string (nested elements and repeated ones are
 * left out). Refuses a DOCTYPE or ENTITY declaration and malformed XML.
 */
export function parseWechatXml(text: string): Record<string, string> {
  if (hasDeclarations(text)) {
    throw new ValidationError(
      'body',
      'XML with a DOCTYPE or ENTITY declaration is refused',
      'WECHAT_XML_REFUSED',
      { rule: 'noDoctype' },
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ValidationError(
      'body',
      `The body is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`,
      'WECHAT_XML_INVALID',
    );
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    throw new ValidationError(
      'body',
      `The body is not readable XML: ${(error as Error).message}`,
      'WECHAT_XML_INVALID',
    );
  }
  const root = (parsed as { xml?: unknown }).xml;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new ValidationError('body', 'The body must be one <xml> element', 'WECHAT_XML_INVALID');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
    if (typeof value === 'string' && name !== '#text') fields[name] = value;
  }
  return fields;
}

// Characters XML 1.0 does not allow anywhere, not even in CDATA.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a CDATA section; a "]]>" inside is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** A passive reply with text (被动回复文本消息). */
export function textReplyXml(reply: {
  toUser: string;
  fromUser: string;
  createTime: number;
  content: string;
}): string {
  return (
    `<xml><ToUserName>${cdata(reply.toUser)}</ToUserName>` +
    `<FromUserName>${cdata(reply.fromUser)}</FromUserName>` +
    `<CreateTime>${reply.createTime}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(reply.content)}</Content></xml>`
  );
}

/** The envelope of an encrypted reply (safe and compatible modes). */
export function encryptedReplyXml(reply: {
  encrypt: string;
  signature: string;
  timestamp: string;
  nonce: string;
}): string {
  return (
    `<xml><Encrypt>${cdata(reply.encrypt)}</Encrypt>` +
    `<MsgSignature>${cdata(reply.signature)}</MsgSignature>` +
    `<TimeStamp>${reply.timestamp}</TimeStamp>` +
    `<Nonce>${cdata(reply.nonce)}</Nonce></xml>`
  );
}
