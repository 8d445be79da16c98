// What a client POSTs to requests.{format}: the parameters of GeoReport v2, read and checked all at
// once so the answer lists every problem by the parameter's own name. Pure: no I/O.
import {
  answerText,
  readAttributeAnswers,
  type AttributeAnswer,
  type AttributeDefinition,
} from './attribute-rules.js';
import type { ProblemList } from './open311-problems.js';
import type { Open311Locale } from './open311-settings.js';

/** Query-string or form parameters: a repeated key holds every value in order. */
export type Params = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What a request filed through the API says, checked. */
export interface SubmittedRequest {
  description: string | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  mediaUrl: string | null;
  citizenName: string | null;
  phone: string | null;
  email: string | null;
  deviceId: string | null;
  accountId: string | null;
  answers: AttributeAnswer[];
}

export const REQUEST_LIMITS = {
  /** GeoReport v2: "free form text limited to 4,000 characters". */
  description: 4000,
  address: 500,
  name: 50,
  email: 254,
  id: 200,
  mediaUrl: 2000,
} as const;

const length = (text: string): number => Array.from(text).length;

/** The one value of a parameter (null when absent or blank); a repeated one is a problem. */
export function singleParam(params: Params, name: string, problems: ProblemList): string | null {
  const raw = params[name];
  if (raw === undefined) return null;
  const values = typeof raw === 'string' ? [raw] : raw;
  const distinct = [...new Set(values.map((v) => v.trim()))];
  if (distinct.length > 1) {
    problems.add(name, 'is given more than once', 'maxItems', { limit: 1 });
    return null;
  }
  return distinct[0] || null;
}

const ATTRIBUTE_KEY = /^attribute\[([^\]]+)\](\[\])?$/;

/**
 * The attribute answers a client sent: attribute[code]=v, attribute[code][]=v1&attribute[code][]=v2
 * (form or query string), or, in a JSON body, attribute: { code: v | [v1, v2] }.
 */
export function attributeParams(params: Params): Map<string, string[]> {
  const answers = new Map<string, string[]>();
  const add = (code: string, value: unknown) => {
    const list = answers.get(code) ?? [];
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === 'string' || typeof item === 'number') list.push(String(item));
    }
    answers.set(code, list);
  };
  for (const [key, value] of Object.entries(params)) {
    const match = ATTRIBUTE_KEY.exec(key);
    if (match) add(match[1]!, value);
  }
  const nested: unknown = (params as Record<string, unknown>).attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, value] of Object.entries(nested)) add(code, value);
  }
  return answers;
}

function optionalText(
  params: Params,
  name: string,
  max: number,
  problems: ProblemList,
): string | null {
  const value = singleParam(params, name, problems);
  if (value !== null && length(value) > max) {
    problems.add(name, `must be at most ${max} characters`, 'maxLength', { limit: max });
    return null;
  }
  return value;
}

/** Whether a parameter has a non-blank value. */
function given(params: Params, name: string): boolean {
  const raw = params[name];
  if (raw === undefined) return false;
  return (typeof raw === 'string' ? [raw] : raw).some((v) => v.trim() !== '');
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function coordinate(
  params: Params,
  name: 'lat' | 'long',
  limit: number,
  problems: ProblemList,
): number | null {
  const value = singleParam(params, name, problems);
  if (value === null) return null;
  const number = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(number)) {
    problems.add(name, 'must be a decimal number (WGS84 degrees)', 'type');
    return null;
  }
  if (Math.abs(number) > limit) {
    problems.add(name, `must be from -${limit} to ${limit}`, number > 0 ? 'maximum' : 'minimum', {
      limit: number > 0 ? limit : -limit,
    });
    return null;
  }
  return number;
}

const PHONE = /^\+?[0-9][0-9 -]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HAN = /\p{Script=Han}/u;

/** A person's name from first_name and last_name; Chinese names put the family name first. */
export function personName(first: string | null, last: string | null): string | null {
  if (!first && !last) return null;
  if (!first || !last) return first ?? last;
  return HAN.test(first) || HAN.test(last) ? `${last}${first}` : `${first} ${last}`;
}

/**
 * Reads a POSTed service request. `definitions` are the service's attributes (null when the
 * service is unknown: its answers are then not checked). Problems go to `problems`.
 */
export function readSubmittedRequest(
  params: Params,
  definitions: readonly AttributeDefinition[] | null,
  timeZone: string,
  problems: ProblemList,
): SubmittedRequest {
  const lat = coordinate(params, 'lat', 90, problems);
  const lng = coordinate(params, 'long', 180, problems);
  const latGiven = given(params, 'lat');
  const lngGiven = given(params, 'long');
  if (latGiven !== lngGiven) {
    problems.add(latGiven ? 'long' : 'lat', 'lat and long come together', 'required');
  }
  const address = optionalText(params, 'address_string', REQUEST_LIMITS.address, problems);
  const addressId = singleParam(params, 'address_id', problems);
  if (!latGiven && !lngGiven && address === null) {
    if (addressId !== null) {
      problems.add(
        'address_id',
        'is not known here (no address register); give lat and long or address_string',
        'unsupported',
      );
    } else if (!problems.problems.some((p) => p.field === 'address_string')) {
      problems.add('lat', 'a location is required: lat and long, or address_string', 'required');
    }
  }

  const description = optionalText(params, 'description', REQUEST_LIMITS.description, problems);

  let mediaUrl = singleParam(params, 'media_url', problems);
  if (mediaUrl !== null) {
    let url: URL | null;
    try {
      url = new URL(mediaUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      problems.add('media_url', 'must be an http or https URL', 'format');
      mediaUrl = null;
    } else if (url.href.length > REQUEST_LIMITS.mediaUrl) {
      problems.add(
        'media_url',
        `must be at most ${REQUEST_LIMITS.mediaUrl} characters`,
        'maxLength',
        {
          limit: REQUEST_LIMITS.mediaUrl,
        },
      );
      mediaUrl = null;
    } else mediaUrl = url.href;
  }

  const first = optionalText(params, 'first_name', REQUEST_LIMITS.name, problems);
  const last = optionalText(params, 'last_name', REQUEST_LIMITS.name, problems);

  let phone = singleParam(params, 'phone', problems);
  if (phone !== null) {
    // NFKC: full-width digits from a Chinese input method are plain digits.
    const normal = phone.normalize('NFKC').trim();
    if (normal.length < 3 || normal.length > 20 || !PHONE.test(normal)) {
      problems.add('phone', "must be 3 to 20 digits, '+', '-' or spaces", 'pattern');
      phone = null;
    } else phone = normal.replace(/[ -]/g, '');
  }

  let email = optionalText(params, 'email', REQUEST_LIMITS.email, problems);
  if (email !== null && !EMAIL.test(email)) {
    problems.add('email', 'must be an e-mail address', 'format');
    email = null;
  }

  const answers = definitions
    ? readAttributeAnswers(attributeParams(params), definitions, timeZone, problems)
    : [];

  return {
    description,
    lat: latGiven && lngGiven ? lat : null,
    lng: latGiven && lngGiven ? lng : null,
    address,
    mediaUrl,
    citizenName: personName(first, last),
    phone,
    email,
    deviceId: optionalText(params, 'device_id', REQUEST_LIMITS.id, problems),
    accountId: optionalText(params, 'account_id', REQUEST_LIMITS.id, problems),
    answers,
  };
}

const WORDS = {
  'zh-CN': { separator: '、', colon: '：', media: '图片/媒体', via: '（经 Open311 接口提交）' },
  en: { separator: ', ', colon: ': ', media: 'Media', via: '(filed through the Open311 API)' },
} as const;

/**
 * The ticket's description as staff read it: the citizen's own words (or the service's name when
 * there are none), then each answered attribute and the media URL, one per line.
 */
export function ticketDescription(
  request: SubmittedRequest,
  serviceName: string,
  definitions: readonly AttributeDefinition[],
  locale: Open311Locale,
): string {
  const words = WORDS[locale];
  const lines: string[] = [];
  for (const answer of request.answers) {
    const definition = definitions.find((d) => d.code === answer.code);
    if (!definition) continue;
    lines.push(
      `${definition.description}${words.colon}${answerText(definition, answer.values, words.separator)}`,
    );
  }
  if (request.mediaUrl) lines.push(`${words.media}${words.colon}${request.mediaUrl}`);
  const head = request.description ?? `${serviceName} ${words.via}`;
  return lines.length > 0 ? `${head}\n\n${lines.join('\n')}` : head;
}

/** "路灯：路灯不亮三天了…": the service, then the start of the citizen's words (at most 30 characters). */
export function ticketTitle(
  serviceName: string,
  description: string | null,
  locale: Open311Locale,
): string {
  const words = description ? `${WORDS[locale].colon}${description.replace(/\s+/g, ' ')}` : '';
  const text = Array.from(`${serviceName}${words}`);
  return text.length > 30 ? `${text.slice(0, 29).join('')}…` : text.join('');
}

/** Intake's limit on a ticket's description, which the attribute answers are added to. */
export const TICKET_DESCRIPTION_MAX = 5000;

/** The description with its answers fits a ticket, or a problem on the attributes. */
export function checkTicketDescriptionLength(text: string, problems: ProblemList): void {
  if (length(text) > TICKET_DESCRIPTION_MAX) {
    problems.add(
      'attribute',
      `the description and the attribute answers together must be at most ${TICKET_DESCRIPTION_MAX} characters`,
      'maxLength',
      { limit: TICKET_DESCRIPTION_MAX },
    );
  }
}
