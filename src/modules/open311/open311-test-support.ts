// Test support for the Open311 tests: the Open311 project's own JSON schemas (../shared/open311-
// schemas, validated with ajv + ajv-formats), the same shapes for the documents those schemas do
// not cover (written from the spec's text), and XML read back into the JSON shapes.
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCHEMA_DIR = path.resolve(repoRoot, '..', 'shared', 'open311-schemas');

/** The schema files the Open311 project publishes (schema-validation, georeport-v2). */
const PROJECT_SCHEMAS = [
  'service.json',
  'services.json',
  'service-definition.json',
  'request.json',
  'requests.json',
] as const;

const nullable = (type: string, extra: object = {}) => ({
  anyOf: [{ type, ...extra }, { type: 'null' }],
});

/** Documents the project's schemas leave out, as the GeoReport v2 text shows them. */
const SPEC_SCHEMAS = {
  'discovery.json': {
    type: 'object',
    required: ['changeset', 'contact', 'key_service', 'endpoints'],
    additionalProperties: false,
    properties: {
      changeset: { type: 'string', format: 'date-time' },
      contact: nullable('string'),
      key_service: nullable('string'),
      endpoints: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['specification', 'url', 'changeset', 'type', 'formats'],
          additionalProperties: false,
          properties: {
            specification: { type: 'string', format: 'uri' },
            url: { type: 'string', format: 'uri' },
            changeset: { type: 'string', format: 'date-time' },
            type: { enum: ['production', 'test'] },
            formats: {
              type: 'array',
              items: { enum: ['text/xml', 'application/json'] },
              minItems: 1,
            },
          },
        },
      },
    },
  },
  'created-requests.json': {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['service_request_id', 'token', 'service_notice', 'account_id'],
      additionalProperties: false,
      properties: {
        service_request_id: { type: 'string', minLength: 1 },
        token: { type: 'string', minLength: 1 },
        service_notice: nullable('string'),
        account_id: nullable('string'),
      },
    },
  },
  'tokens.json': {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['service_request_id', 'token'],
      additionalProperties: false,
      properties: { service_request_id: nullable('string'), token: { type: 'string' } },
    },
  },
  'errors.json': {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  },
} as const;

export type DocumentName = (typeof PROJECT_SCHEMAS)[number] | keyof typeof SPEC_SCHEMAS;

export interface Conformance {
  /** Whether the Open311 project's schemas were found (else only the spec's shapes are checked). */
  projectSchemas: boolean;
  /** Throws with ajv's errors unless `data` is a valid `name` document. */
  check(name: DocumentName, data: unknown): void;
  /** How many documents were checked, per schema. */
  counts: Map<string, number>;
}

/**
 * The validators. Without ../shared/open311-schemas the project's schemas are skipped with a line
 * saying so; under CI=true their absence fails the run.
 */
export function loadConformance(): Conformance {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under Node its function is the module's `default`, bundlers unwrap it.
  const addFormats =
    (formats as { default?: typeof formats.default }).default ??
    (formats as unknown as typeof formats.default);
  addFormats(ajv);
  const found = PROJECT_SCHEMAS.every((file) => fs.existsSync(path.join(SCHEMA_DIR, file)));
  if (found) {
    for (const file of PROJECT_SCHEMAS) {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as object;
      ajv.addSchema(schema, file);
    }
  } else {
    const message = `The Open311 project's schemas are not at ${SCHEMA_DIR} (service.json, services.json, service-definition.json, request.json, requests.json)`;
    if (process.env.CI === 'true') throw new Error(`${message}: under CI=true they are required`);
    console.warn(`${message}: their checks are skipped`);
  }
  for (const [name, schema] of Object.entries(SPEC_SCHEMAS)) ajv.addSchema(schema, name);
  const validators = new Map<string, ValidateFunction>();
  const counts = new Map<string, number>();
  return {
    projectSchemas: found,
    counts,
    check(name, data) {
      if (!found && (PROJECT_SCHEMAS as readonly string[]).includes(name)) return;
      let validate = validators.get(name);
      if (!validate) {
        validate = ajv.getSchema(name);
        if (!validate) throw new Error(`no schema ${name}`);
        validators.set(name, validate);
      }
      if (!validate(data)) {
        throw new Error(
          `not a valid ${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(data, null, 2)}`,
        );
      }
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
  };
}

// XML: the elements that repeat inside their list element.
const LIST_ITEMS = ['service', 'attribute', 'value', 'request', 'error', 'endpoint', 'format'];
const BOOLEANS = new Set(['metadata', 'variable', 'required']);
const NUMBERS = new Set(['lat', 'long', 'order']);
/** Elements that are lists in JSON, and the name of their items in XML. */
const LISTS: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};
/** Elements that stay strings even when empty (required strings). */
const NEVER_NULL = new Set(['service_code', 'service_name', 'key', 'name', 'token', 'code']);

const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => LIST_ITEMS.includes(name),
});

type Xml = string | { [name: string]: Xml | Xml[] };

function toJson(name: string, node: Xml | Xml[] | undefined): unknown {
  if (name in LISTS) {
    if (node === undefined || node === '') return [];
    const items = (node as Record<string, Xml[]>)[LISTS[name]!] ?? [];
    return items.map((item) => (typeof item === 'string' ? item : objectToJson(item)));
  }
  if (typeof node === 'object' && !Array.isArray(node)) return objectToJson(node);
  const text = typeof node === 'string' ? node : '';
  if (BOOLEANS.has(name)) return text === 'true';
  if (NUMBERS.has(name)) return text === '' ? null : Number(text);
  if (text === '' && !NEVER_NULL.has(name)) return null;
  return text;
}

function objectToJson(node: Xml): Record<string, unknown> {
  if (typeof node === 'string') return {};
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, toJson(key, value)]));
}

/**
 * An XML response read back into the JSON document's shape: lists as arrays, booleans and
 * numbers typed, empty elements as null. The root element's name is checked.
 */
export function xmlAsJson(body: string, root: string, item?: string): unknown {
  if (!body.startsWith('<?xml version="1.0" encoding="utf-8"?>')) {
    throw new Error(`no XML declaration: ${body.slice(0, 60)}`);
  }
  const parsed = parser.parse(body) as Record<string, Xml>;
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== root) throw new Error(`root ${keys.join(',')}, not ${root}`);
  const top = parsed[root]!;
  if (item === undefined) return objectToJson(top);
  if (top === '') return [];
  const items = ((top as Record<string, Xml[]>)[item] ?? []).map(objectToJson);
  // In the errors document <code> is the HTTP status, a number.
  if (root === 'errors') for (const error of items) error.code = Number(error.code);
  return items;
}

/** Form-urlencoded text with repeated keys, as clients send attribute[code][]. */
export function form(entries: Array<[string, string]>): string {
  return new URLSearchParams(entries).toString();
}

/** The attributes of the street light service (路灯) in the tests: one of every datatype. */
export const STREET_LIGHT_ATTRIBUTES = [
  {
    code: 'NOTE',
    variable: false,
    datatype: 'text',
    description: '夜间请注意安全，不要攀爬灯杆',
  },
  {
    code: 'POLE',
    datatype: 'string',
    required: true,
    description: '灯杆编号',
    datatypeDescription: '灯杆上白色标牌的编号，如 A-12',
  },
  { code: 'COUNT', datatype: 'number', description: '不亮的路灯数量' },
  { code: 'SINCE', datatype: 'datetime', description: '发现时间' },
  { code: 'DETAIL', datatype: 'text', description: '补充说明' },
  {
    code: 'SIDE',
    datatype: 'singlevaluelist',
    required: true,
    description: '在道路哪一侧',
    values: [
      { key: 'east', name: '路东' },
      { key: 'west', name: '路西' },
    ],
  },
  {
    code: 'KIND',
    datatype: 'multivaluelist',
    description: '问题',
    values: [
      { key: 'dark', name: '不亮' },
      { key: 'flicker', name: '闪烁' },
      { key: 'damaged', name: '灯杆损坏' },
    ],
  },
];

/** A square around the centre of Jiangyang district (江阳区), as its jurisdiction. */
export const JIANGYANG_AREA = {
  type: 'Polygon',
  coordinates: [
    [
      [105.3, 28.8],
      [105.6, 28.8],
      [105.6, 29.0],
      [105.3, 29.0],
      [105.3, 28.8],
    ],
  ],
};

/** The parameters of a valid street light request from the form of an app. */
export function streetLightForm(extra: Array<[string, string]> = []): Array<[string, string]> {
  return [
    ['service_code', '010101'],
    ['lat', '28.8712'],
    ['long', '105.4423'],
    ['address_string', '江阳区大山坪路 12 号'],
    ['description', '路灯三天不亮了 𠮷😀'],
    ['attribute[POLE]', 'A-12'],
    ['attribute[SIDE]', 'east'],
    ['attribute[KIND][]', 'dark'],
    ['attribute[KIND][]', 'flicker'],
    ...extra,
  ];
}
