// Pure rules of the phone switch integration: what a caller's number is, how a call ended, the
// recording link, the settings an admin gives. No I/O here.
import type { HungUpBy, SwitchKind } from './call-events.js';

/** GB/T 33358-2016: a call is answered in time within 15 seconds. */
export const ANSWER_TARGET_MS = 15_000;

export const CALL_OUTCOMES = ['answered', 'abandoned', 'missed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * How a call ended: answered by an operator; else abandoned when the caller hung up (or nobody
 * knows who did: most unanswered calls are callers giving up), missed when the switch ended it
 * (queue timeout, no operator logged in, overflow to voicemail).
 */
export function outcomeOf(answered: boolean, hungUpBy: HungUpBy): CallOutcome {
  if (answered) return 'answered';
  return hungUpBy === 'switch' ? 'missed' : 'abandoned';
}

const PHONE = /^\+?[0-9]{3,20}$/;

/**
 * The caller's number as the intake module stores numbers (digits and an optional '+'), or null
 * when the switch has none: withheld ('anonymous'), 'unknown', empty.
 */
export function callerNumberOf(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.normalize('NFKC').trim().replace(/[\s-]/g, '');
  return PHONE.test(text) ? text : null;
}

/** A dialled number, extension or queue name as reported: trimmed, at most 64 characters. */
export function calledNumberOf(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  return text ? Array.from(text).slice(0, 64).join('') : null;
}

const EXTENSION = /^[0-9A-Za-z*#+_.-]{1,32}$/;

export const isExtension = (value: string): boolean => EXTENSION.test(value);

/**
 * The extension an agent's channel rings, from its name: 'PJSIP/1001-0000002a', 'SIP/1001-…',
 * 'Local/1001@agents-00000001;1', 'sofia/internal/1001@10.0.0.5' → '1001'. Null when unclear.
 */
export function extensionFromChannelName(name: string | null | undefined): string | null {
  if (!name) return null;
  const match = /^(?:[A-Za-z]+\/)+([^/@;-]+)/.exec(name);
  const extension = match?.[1] ?? null;
  return extension && isExtension(extension) ? extension : null;
}

/** Whether a call to `calledNumber` is a hotline call: every call when no numbers are set. */
export function isHotlineCall(calledNumber: string | null, numbers: readonly string[]): boolean {
  if (numbers.length === 0) return true;
  return calledNumber !== null && numbers.includes(calledNumber);
}

/**
 * The link to a call's recording from the admin's template: {callId}, {day} (YYYY-MM-DD in the
 * centre's time zone) and {switch} are replaced; no caller data goes into a link.
 */
export function recordingUrlOf(
  template: string | null,
  call: { callId: string; day: string; switch: SwitchKind },
): string | null {
  if (!template) return null;
  return template
    .replaceAll('{callId}', encodeURIComponent(call.callId))
    .replaceAll('{day}', call.day)
    .replaceAll('{switch}', call.switch);
}

/** Milliseconds from one ISO time to another (never negative: switches' clocks can disagree). */
export function msBetween(from: string, to: string): number {
  return Math.max(0, Date.parse(to) - Date.parse(from));
}

/** A share with three decimals, or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

/** Seconds with one decimal from a sum of milliseconds over `count` calls, or null. */
export function averageSeconds(totalMs: number, count: number): number | null {
  return count > 0 ? Math.round(totalMs / count / 100) / 10 : null;
}

export const CTI_KINDS = ['asterisk', 'freeswitch', 'off'] as const;
export type CtiKind = (typeof CTI_KINDS)[number];

/** The channel settings of the phone switch, as the adapters use them. */
export interface CtiSettings {
  kind: CtiKind;
  ari: { baseUrl: string; app: string; user: string; password: string } | null;
  esl: { host: string; port: number; password: string } | null;
  recordingUrlTemplate: string | null;
  /** The hotline's dialled numbers or queues; empty: every call the switch reports. */
  numbers: string[];
}

/**
 * Reads the stored settings (strings or null) into what an adapter needs; a kind whose
 * connection details are incomplete counts as off, since it could not connect.
 */
export function readCtiSettings(values: Record<string, string | null>): CtiSettings {
  const kind = (CTI_KINDS as readonly string[]).includes(values.kind ?? '')
    ? (values.kind as CtiKind)
    : 'off';
  const ari =
    values.ari_url && values.ari_app && values.ari_user && values.ari_password
      ? {
          baseUrl: values.ari_url,
          app: values.ari_app,
          user: values.ari_user,
          password: values.ari_password,
        }
      : null;
  const port = Number(values.esl_port ?? '8021');
  const esl =
    values.esl_host && values.esl_password && Number.isInteger(port) && port > 0 && port < 65536
      ? { host: values.esl_host, port, password: values.esl_password }
      : null;
  const numbers = (values.numbers ?? '')
    .split(/[,，\s]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  const settings: CtiSettings = {
    kind,
    ari,
    esl,
    recordingUrlTemplate: values.recording_url_template || null,
    numbers,
  };
  if ((kind === 'asterisk' && !ari) || (kind === 'freeswitch' && !esl))
    return { ...settings, kind: 'off' };
  return settings;
}

/** The ARI event WebSocket's URL for an ARI base URL ('http://pbx:8088' or '…/ari'). */
export function ariEventsUrl(settings: NonNullable<CtiSettings['ari']>): string {
  const base = settings.baseUrl.replace(/\/+$/, '').replace(/\/ari$/, '');
  const ws = base.replace(/^http(s?):\/\//, 'ws$1://');
  const query = new URLSearchParams({
    app: settings.app,
    api_key: `${settings.user}:${settings.password}`,
    // An observer: every channel's events, not only those of channels in this Stasis app.
    subscribeAll: 'true',
  });
  return `${ws}/ari/events?${query.toString()}`;
}

/** A calendar date 'YYYY-MM-DD' that exists. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The date `days` after `date` (both 'YYYY-MM-DD'). */
export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}
