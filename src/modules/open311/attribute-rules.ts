// Service attributes (GeoReport v2 "service definitions"): the extra questions an admin sets per
// category, and the rules their definitions and the citizens' answers follow. Pure: no I/O.
import { ValidationError } from '../../platform/errors.js';
import type { ProblemList } from './open311-problems.js';
import { formatInstant, parseInstant } from './open311-time.js';

/** The datatypes of GeoReport v2, in its order. */
export const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type Datatype = (typeof DATATYPES)[number];

const LIST_TYPES: readonly Datatype[] = ['singlevaluelist', 'multivaluelist'];
export const isListType = (datatype: Datatype): boolean => LIST_TYPES.includes(datatype);

export interface ListValue {
  key: string;
  name: string;
}

/** One attribute of a service, as stored and as the service definition shows it. */
export interface AttributeDefinition {
  code: string;
  /** False: a note shown to the citizen, no answer expected. */
  variable: boolean;
  datatype: Datatype;
  required: boolean;
  description: string;
  datatypeDescription: string | null;
  /** 1 is shown first. */
  order: number;
  values: ListValue[];
}

/** What an admin sends for one attribute; the list's position is its order. */
export interface AttributeDefinitionInput {
  code: string;
  variable?: boolean;
  datatype: string;
  required?: boolean;
  description: string;
  datatypeDescription?: string | null;
  values?: ListValue[] | null;
}

export const ATTRIBUTE_LIMITS = {
  attributes: 50,
  code: 64,
  description: 500,
  values: 100,
  key: 64,
  name: 200,
  string: 200,
  text: 2000,
} as const;

/** Safe inside attribute[code] and attribute[code][]: no brackets, no spaces. */
const CODE = /^[A-Za-z0-9_.-]+$/;

const length = (text: string): number => Array.from(text).length;

function text(
  field: string,
  value: string | null | undefined,
  max: number,
  required: boolean,
): string | null {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required)
      throw new ValidationError(field, `${field} is required`, undefined, { rule: 'required' });
    return null;
  }
  if (length(trimmed) > max) {
    throw new ValidationError(field, `${field} must be at most ${max} characters`, undefined, {
      rule: 'maxLength',
      limit: max,
    });
  }
  return trimmed;
}

/**
 * Checks a service's whole list of attributes as an admin sends it; the first problem is thrown
 * as a ValidationError naming its field ("attributes.2.values.0.key").
 */
export function checkAttributeDefinitions(
  inputs: readonly AttributeDefinitionInput[],
): AttributeDefinition[] {
  if (inputs.length > ATTRIBUTE_LIMITS.attributes) {
    throw new ValidationError(
      'attributes',
      `a service has at most ${ATTRIBUTE_LIMITS.attributes} attributes`,
      undefined,
      { rule: 'maxItems', limit: ATTRIBUTE_LIMITS.attributes },
    );
  }
  const codes = new Set<string>();
  return inputs.map((input, index) => {
    const at = `attributes.${index}`;
    const code = text(`${at}.code`, input.code, ATTRIBUTE_LIMITS.code, true)!;
    if (!CODE.test(code)) {
      throw new ValidationError(
        `${at}.code`,
        `${at}.code may hold only letters, digits, '.', '_' and '-'`,
        undefined,
        { rule: 'pattern' },
      );
    }
    if (codes.has(code)) {
      throw new ValidationError(`${at}.code`, `code ${code} is used twice`, undefined, {
        rule: 'unique',
      });
    }
    codes.add(code);
    if (!(DATATYPES as readonly string[]).includes(input.datatype)) {
      throw new ValidationError(
        `${at}.datatype`,
        `${at}.datatype must be one of ${DATATYPES.join(', ')}`,
        undefined,
        { rule: 'enum', allowed: [...DATATYPES] },
      );
    }
    const datatype = input.datatype as Datatype;
    const variable = input.variable ?? true;
    const required = input.required ?? false;
    if (required && !variable) {
      throw new ValidationError(
        `${at}.required`,
        'an attribute that only informs (variable false) cannot be required',
        undefined,
        { rule: 'conflict' },
      );
    }
    return {
      code,
      variable,
      datatype,
      required,
      description: text(
        `${at}.description`,
        input.description,
        ATTRIBUTE_LIMITS.description,
        true,
      )!,
      datatypeDescription: text(
        `${at}.datatypeDescription`,
        input.datatypeDescription,
        ATTRIBUTE_LIMITS.description,
        false,
      ),
      order: index + 1,
      values: checkListValues(`${at}.values`, datatype, input.values ?? []),
    };
  });
}

function checkListValues(field: string, datatype: Datatype, values: readonly ListValue[]) {
  if (!isListType(datatype)) {
    if (values.length > 0) {
      throw new ValidationError(
        field,
        'values are only for singlevaluelist and multivaluelist',
        undefined,
        { rule: 'maxItems', limit: 0 },
      );
    }
    return [];
  }
  if (values.length === 0 || values.length > ATTRIBUTE_LIMITS.values) {
    throw new ValidationError(
      field,
      `a list needs 1 to ${ATTRIBUTE_LIMITS.values} values`,
      undefined,
      values.length === 0
        ? { rule: 'minItems', limit: 1 }
        : { rule: 'maxItems', limit: ATTRIBUTE_LIMITS.values },
    );
  }
  const keys = new Set<string>();
  return values.map((value, index) => {
    const key = text(`${field}.${index}.key`, value.key, ATTRIBUTE_LIMITS.key, true)!;
    if (/[\s[\]]/.test(key)) {
      throw new ValidationError(
        `${field}.${index}.key`,
        'a key has no spaces or brackets',
        undefined,
        { rule: 'pattern' },
      );
    }
    if (keys.has(key)) {
      throw new ValidationError(`${field}.${index}.key`, `key ${key} is used twice`, undefined, {
        rule: 'unique',
      });
    }
    keys.add(key);
    return { key, name: text(`${field}.${index}.name`, value.name, ATTRIBUTE_LIMITS.name, true)! };
  });
}

/** One attribute's answer, as stored: list keys, or the one normalised value. */
export interface AttributeAnswer {
  code: string;
  values: string[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks a citizen's answers (attribute[code]=… and attribute[code][]=…) against the service's
 * attributes; every problem goes to `problems` under the parameter's name.
 */
export function readAttributeAnswers(
  given: ReadonlyMap<string, readonly string[]>,
  definitions: readonly AttributeDefinition[],
  timeZone: string,
  problems: ProblemList,
): AttributeAnswer[] {
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  for (const code of given.keys()) {
    if (!byCode.has(code)) {
      problems.add(`attribute[${code}]`, 'is not an attribute of this service', 'enum', {
        allowed: definitions.filter((d) => d.variable).map((d) => d.code),
      });
    }
  }
  const answers: AttributeAnswer[] = [];
  for (const definition of definitions) {
    // An attribute that only informs takes no answer; one sent anyway is ignored.
    if (!definition.variable) continue;
    const field = `attribute[${definition.code}]`;
    const values = (given.get(definition.code) ?? []).map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) {
      if (definition.required) problems.add(field, 'is required', 'required');
      continue;
    }
    if (definition.datatype !== 'multivaluelist' && values.length > 1) {
      problems.add(field, 'takes one value', 'maxItems', { limit: 1 });
      continue;
    }
    const value = values[0]!;
    switch (definition.datatype) {
      case 'string':
      case 'text': {
        const max =
          definition.datatype === 'string' ? ATTRIBUTE_LIMITS.string : ATTRIBUTE_LIMITS.text;
        if (length(value) > max) {
          problems.add(field, `must be at most ${max} characters`, 'maxLength', { limit: max });
        } else answers.push({ code: definition.code, values: [value] });
        break;
      }
      case 'number': {
        const number = Number(value);
        if (!NUMBER.test(value) || !Number.isFinite(number)) {
          problems.add(field, 'must be a number', 'type');
        } else answers.push({ code: definition.code, values: [String(number)] });
        break;
      }
      case 'datetime': {
        const instant = parseInstant(value, timeZone);
        if (!instant) {
          problems.add(field, 'must be an ISO 8601 date and time', 'format');
        } else {
          answers.push({
            code: definition.code,
            values: [formatInstant(instant.toISOString(), timeZone)],
          });
        }
        break;
      }
      case 'singlevaluelist':
      case 'multivaluelist': {
        const keys = definition.values.map((v) => v.key);
        const unknown = values.filter((v) => !keys.includes(v));
        if (unknown.length > 0) {
          problems.add(field, `has no value ${unknown.join(', ')}`, 'enum', { allowed: keys });
        } else answers.push({ code: definition.code, values: [...new Set(values)] });
        break;
      }
    }
  }
  return answers;
}

/** An answer as a person reads it: list keys by their names, values joined with "、" or ", ". */
export function answerText(
  definition: AttributeDefinition,
  values: readonly string[],
  separator: string,
): string {
  if (!isListType(definition.datatype)) return values.join(separator);
  return values
    .map((key) => definition.values.find((v) => v.key === key)?.name ?? key)
    .join(separator);
}
