import type { ChannelSettingSpec } from '../channels/index.js';

/** The channel whose settings (admin workspace, GET/PUT /admin/channels/open311) drive the API. */
export const OPEN311_CHANNEL = 'open311';

export const OPEN311_LOCALES = ['zh-CN', 'en'] as const;
export type Open311Locale = (typeof OPEN311_LOCALES)[number];

/** Which tickets the public GET requests shows. */
export const PUBLIC_REQUEST_SCOPES = ['open311', 'all'] as const;
export type PublicRequestScope = (typeof PUBLIC_REQUEST_SCOPES)[number];

export const DEFAULT_JURISDICTION = 'openhotline';
export const DEFAULT_KEY_RATE_LIMIT = 60;

export const OPEN311_SETTINGS: ChannelSettingSpec[] = [
  {
    key: 'jurisdictionId',
    description:
      'The jurisdiction_id of this endpoint; a request naming another one is refused (404)',
    default: DEFAULT_JURISDICTION,
    pattern: /^[A-Za-z0-9._-]{1,100}$/,
    patternRule: 'letters, digits, dots, dashes or underscores (1 to 100)',
  },
  {
    key: 'endpointUrl',
    description:
      'The public URL of the endpoint, for the discovery document (default: the address the client called)',
    pattern: /^https?:\/\/\S+$/,
    patternRule: 'an http(s) URL',
  },
  { key: 'contact', description: 'Discovery: how API users reach the centre' },
  { key: 'keyService', description: 'Discovery: how to ask for an API key' },
  {
    key: 'changeset',
    description:
      "Discovery: when the API's documents last changed (ISO 8601; default: the last change of a service's attributes)",
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
    patternRule: 'an ISO 8601 date and time with its zone',
  },
  {
    key: 'defaultRateLimit',
    description: 'Requests per minute a new API key may make',
    default: String(DEFAULT_KEY_RATE_LIMIT),
    pattern: /^[1-9]\d{0,5}$/,
    patternRule: 'a whole number from 1 to 999999',
  },
  {
    key: 'locale',
    description: 'Language of service names and status notes: zh-CN or en',
    default: 'zh-CN',
    pattern: /^(zh-CN|en)$/,
    patternRule: 'zh-CN or en',
  },
  {
    key: 'publicRequests',
    description:
      'Which tickets GET requests shows: open311 (those filed through this API) or all (every categorised ticket)',
    default: 'open311',
    pattern: /^(open311|all)$/,
    patternRule: 'open311 or all',
  },
  {
    key: 'publishReplies',
    description:
      "Show the unit's reply as status_notes in GET requests (true or false; never for confidential tickets)",
    default: 'false',
    pattern: /^(true|false)$/,
    patternRule: 'true or false',
  },
  {
    key: 'serviceNotice',
    description:
      'The service_notice of every request (default: what happens next and the time limits)',
  },
];

/** The settings as the API uses them, read once per request. */
export interface Open311Settings {
  jurisdictionId: string;
  endpointUrl: string | null;
  contact: string | null;
  keyService: string | null;
  changeset: string | null;
  defaultRateLimit: number;
  locale: Open311Locale;
  publicRequests: PublicRequestScope;
  publishReplies: boolean;
  serviceNotice: string | null;
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;

/** Typed settings from the stored values (each already checked by its pattern when saved). */
export function readOpen311Settings(values: Record<string, string | null>): Open311Settings {
  const rate = Number(values.defaultRateLimit);
  return {
    jurisdictionId: values.jurisdictionId ?? DEFAULT_JURISDICTION,
    endpointUrl: values.endpointUrl?.replace(/\/+$/, '') ?? null,
    contact: values.contact ?? null,
    keyService: values.keyService ?? null,
    changeset: values.changeset ?? null,
    defaultRateLimit: Number.isInteger(rate) && rate > 0 ? rate : DEFAULT_KEY_RATE_LIMIT,
    locale: oneOf(values.locale ?? null, OPEN311_LOCALES, 'zh-CN'),
    publicRequests: oneOf(values.publicRequests ?? null, PUBLIC_REQUEST_SCOPES, 'open311'),
    publishReplies: values.publishReplies === 'true',
    serviceNotice: values.serviceNotice ?? null,
  };
}
