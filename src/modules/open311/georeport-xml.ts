// GeoReport v2's XML: each list in its element (<services><service>…), null as an empty element.
import { XMLBuilder } from 'fast-xml-parser';
import type {
  AttributeDoc,
  CreatedRequestDoc,
  DiscoveryDoc,
  ErrorDoc,
  RequestDoc,
  ServiceDefinitionDoc,
  ServiceDoc,
  TokenDoc,
} from './georeport-documents.js';

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, ignoreAttributes: true });

type Node = string | { [name: string]: Node | Node[] };

/** Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Plain values as text: null empty, booleans "true"/"false", numbers as written. */
function element(doc: object): Node {
  const node: Record<string, Node> = {};
  for (const [key, value] of Object.entries(doc)) {
    node[key] =
      value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? element(value as object)
          : String(value as string | number | boolean).replace(NOT_XML, '');
  }
  return node;
}

/** <outer><item>…</item><item>…</item></outer>, or <outer></outer> for none. */
const list = (item: string, nodes: Node[]): Node => (nodes.length > 0 ? { [item]: nodes } : '');

const document = (root: Node): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(root)}`;

export const discoveryXml = (doc: DiscoveryDoc): string =>
  document({
    discovery: {
      changeset: doc.changeset,
      contact: doc.contact ?? '',
      key_service: doc.key_service ?? '',
      endpoints: list(
        'endpoint',
        doc.endpoints.map((endpoint) => ({
          ...(element({ ...endpoint, formats: null }) as Record<string, Node>),
          formats: list('format', endpoint.formats),
        })),
      ),
    },
  });

export const servicesXml = (services: ServiceDoc[]): string =>
  document({ services: list('service', services.map(element)) });

const attributeNode = (attribute: AttributeDoc): Node => ({
  ...(element({ ...attribute, values: null }) as Record<string, Node>),
  values: list('value', attribute.values.map(element)),
});

export const serviceDefinitionXml = (definition: ServiceDefinitionDoc): string =>
  document({
    service_definition: {
      service_code: definition.service_code,
      attributes: list('attribute', definition.attributes.map(attributeNode)),
    },
  });

/** GET requests, GET requests/:id, the answer to POST requests and GET tokens/:token. */
export const serviceRequestsXml = (
  requests: RequestDoc[] | CreatedRequestDoc[] | TokenDoc[],
): string => document({ service_requests: list('request', requests.map(element)) });

export const errorsXml = (errors: ErrorDoc[]): string =>
  document({ errors: list('error', errors.map(element)) });
