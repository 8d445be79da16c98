// Pure rules of intake: what a valid appeal looks like, how a ticket is numbered, what a
// disposition leads to. No I/O here.
import { createHash, randomInt } from 'node:crypto';
import { ValidationError } from '../../platform/errors.js';
import { localDate } from '../../platform/time-zone.js';
import type { Channel } from '../tickets/index.js';

/** What the operator decides at intake (../shared/DOMAIN.md "The life of a ticket"). */
export const DISPOSITIONS = ['dispatch', 'direct_answer', 'referral', 'received'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Emergencies go at once to police 110, fire 119, ambulance 120, traffic police 122; "other" for legal procedures. */
export const REFERRAL_TARGETS = ['110', '119', '120', '122', 'other'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

export const CONTACT_OUTCOMES = [
  'pending',
  'ticket',
  'direct_answer',
  'referral',
  'invalid',
  'abandoned',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Channels where the citizen writes in by themselves: their tickets wait to be accepted. */
const SELF_SERVICE: readonly Channel[] = ['web', 'app', 'wechat', 'weibo', 'sms', 'email'];

/** A call or a visit becomes a work order at once; a written message is received first. */
export const defaultDisposition = (channel: Channel): Disposition =>
  SELF_SERVICE.includes(channel) ? 'received' : 'dispatch';

/** The contact's outcome once its ticket took `disposition`. */
export function contactOutcomeOf(disposition: Disposition): ContactOutcome {
  switch (disposition) {
    case 'dispatch':
      return 'ticket';
    case 'direct_answer':
      return 'direct_answer';
    case 'referral':
      return 'referral';
    case 'received':
      return 'pending';
  }
}

export const LIMITS = {
  description: 5000,
  title: 200,
  answer: 5000,
  reason: 1000,
  address: 500,
  name: 100,
  summary: 2000,
} as const;

const length = (text: string): number => Array.from(text).length;

/** Trimmed text of 1..max characters (code points: 𠮷 is one), or a ValidationError naming the field. */
export function requireText(field: string, value: string | null | undefined, max: number): string {
  const text = (value ?? '').trim();
  if (text.length === 0)
    throw new ValidationError(field, `${field} is required`, 'VALIDATION_FAILED', {
      rule: 'required',
    });
  if (length(text) > max)
    throw new ValidationError(
      field,
      `${field} must be at most ${max} characters`,
      'VALIDATION_FAILED',
      {
        rule: 'maxLength',
        limit: max,
      },
    );
  return text;
}

/** Like requireText, but empty means "not given". */
export function optionalText(
  field: string,
  value: string | null | undefined,
  max: number,
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requireText(field, value, max);
}

/** The title a ticket gets when none is given: the first 30 characters of the description. */
export function defaultTitle(description: string): string {
  return Array.from(description.replace(/\s+/g, ' ').trim()).slice(0, 30).join('');
}

const PHONE = /^\+?[0-9][0-9 -]*$/;

/**
 * A phone number as typed ("138 1234-5678", "+86 138…"): digits, '+', '-' and spaces, 3 to 20
 * characters. Stored without the spaces and dashes, so a caller's history finds every contact.
 */
export function normalisePhone(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  // NFKC: full-width digits from a Chinese input method (１３８) are plain digits.
  const text = value.normalize('NFKC').trim();
  if (text.length < 3 || text.length > 20 || !PHONE.test(text)) {
    throw new ValidationError(
      field,
      `${field} must be a phone number: 3 to 20 digits, '+', '-' or spaces`,
      'VALIDATION_FAILED',
      { rule: 'pattern' },
    );
  }
  return text.replace(/[ -]/g, '');
}

/** Latitude and longitude come together and within range. */
export function checkCoordinates(
  lat: number | null | undefined,
  lng: number | null | undefined,
): { lat: number | null; lng: number | null } {
  const hasLat = lat !== null && lat !== undefined;
  const hasLng = lng !== null && lng !== undefined;
  if (hasLat !== hasLng) {
    throw new ValidationError(
      hasLat ? 'lng' : 'lat',
      'lat and lng must be given together',
      'VALIDATION_FAILED',
      { rule: 'required' },
    );
  }
  if (!hasLat || !hasLng) return { lat: null, lng: null };
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    throw new ValidationError('lat', 'lat must be a number from -90 to 90', 'VALIDATION_FAILED', {
      rule: lat < -90 ? 'minimum' : 'maximum',
      limit: lat < -90 ? -90 : 90,
    });
  if (!Number.isFinite(lng) || lng < -180 || lng > 180)
    throw new ValidationError('lng', 'lng must be a number from -180 to 180', 'VALIDATION_FAILED', {
      rule: lng < -180 ? 'minimum' : 'maximum',
      limit: lng < -180 ? -180 : 180,
    });
  return { lat, lng };
}

/** An ISO date-time as stored (UTC, milliseconds), or a ValidationError naming the field. */
export function isoTime(field: string, value: string): string {
  const at = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime())) {
    throw new ValidationError(field, `${field} must be an ISO date-time`, 'VALIDATION_FAILED', {
      rule: 'format',
    });
  }
  return at.toISOString();
}

/** "20260302": the day a ticket is numbered by, in the centre's time zone. */
export function ticketDay(at: Date, timeZone: string): string {
  return localDate(at, timeZone).replaceAll('-', '');
}

// No 0/O, 1/I/L: the code is read out on the phone and typed from a text message.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;

/** A random query code (about 49 bits) for following an appeal without an account. */
export function newQueryCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What is stored of a query code: its SHA-256, after the same normalising as a lookup. */
export function hashQueryCode(code: string): string {
  const normal = code.toUpperCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(normal).digest('hex');
}

/** A disposition with what it needs: the answer given, or where the citizen was referred and why. */
export type DispositionStep =
  | { kind: 'dispatch' }
  | { kind: 'received' }
  | { kind: 'direct_answer'; answer: string }
  | { kind: 'referral'; target: ReferralTarget; reason: string };

/** Checks that a disposition comes with what it needs; each error names its field. */
export function toDispositionStep(
  channel: Channel,
  input: {
    disposition?: string;
    answer?: string | null;
    referralTarget?: string | null;
    referralReason?: string | null;
  },
): DispositionStep {
  const kind = input.disposition ?? defaultDisposition(channel);
  switch (kind) {
    case 'dispatch':
    case 'received':
      return { kind };
    case 'direct_answer':
      return { kind, answer: requireText('answer', input.answer, LIMITS.answer) };
    case 'referral': {
      const target = input.referralTarget;
      if (!target || !(REFERRAL_TARGETS as readonly string[]).includes(target)) {
        throw new ValidationError(
          'referralTarget',
          `referralTarget must be one of ${REFERRAL_TARGETS.join(', ')}`,
        );
      }
      return {
        kind,
        target: target as ReferralTarget,
        reason: requireText('referralReason', input.referralReason, LIMITS.reason),
      };
    }
    default:
      throw new ValidationError(
        'disposition',
        `disposition must be one of ${DISPOSITIONS.join(', ')}`,
      );
  }
}
