// GET requests.{format}: its filters and its default window, as GeoReport v2 defines them. Pure.
import { ProblemList } from './open311-problems.js';
import { parseInstant } from './open311-time.js';
import { singleParam, type Params } from './service-request-rules.js';

export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

/** "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY_MS = 86_400_000;

export type RequestQuery =
  /** service_request_id "overrides all other arguments". */
  | { kind: 'ids'; numbers: string[] }
  | {
      kind: 'search';
      serviceCodes: string[] | null;
      statuses: Open311Status[] | null;
      /** requested_datetime from and to (inclusive), ISO UTC. */
      from: string;
      to: string;
    };

const NUMBER = /^[A-Za-z0-9-]{1,40}$/;

/** A comma-delimited (or repeated) parameter as its distinct non-blank items. */
function list(params: Params, name: string): string[] | null {
  const raw = params[name];
  if (raw === undefined) return null;
  const items = (typeof raw === 'string' ? [raw] : raw)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length > 0 ? [...new Set(items)] : null;
}

/** Reads the filters of GET requests at `now`; every problem names its parameter and rule. */
export function readRequestQuery(params: Params, now: Date, timeZone: string): RequestQuery {
  const problems = new ProblemList();
  const numbers = list(params, 'service_request_id');
  if (numbers) {
    if (numbers.length > MAX_RESULTS) {
      problems.add('service_request_id', `lists at most ${MAX_RESULTS} ids`, 'maxItems', {
        limit: MAX_RESULTS,
      });
    }
    const bad = numbers.find((n) => !NUMBER.test(n));
    if (bad !== undefined) problems.add('service_request_id', `has no request ${bad}`, 'pattern');
    problems.check();
    return { kind: 'ids', numbers };
  }

  const statuses = list(params, 'status');
  const unknown = statuses?.find((s) => !(OPEN311_STATUSES as readonly string[]).includes(s));
  if (unknown !== undefined) {
    problems.add('status', `has no status ${unknown}`, 'enum', { allowed: [...OPEN311_STATUSES] });
  }

  const instant = (name: string): Date | null => {
    const text = singleParam(params, name, problems);
    if (text === null) return null;
    const at = parseInstant(text, timeZone);
    if (!at)
      problems.add(
        name,
        'must be an ISO 8601 date and time, e.g. 2026-03-02T09:00:00+08:00',
        'format',
      );
    return at;
  };
  const start = instant('start_date');
  const end = instant('end_date');
  problems.check();

  let from: Date;
  let to: Date;
  if (start && end) {
    if (end < start) problems.add('end_date', 'must not be before start_date', 'minimum');
    else if (end.getTime() - start.getTime() > WINDOW_DAYS * DAY_MS) {
      problems.add(
        'end_date',
        `may not be more than ${WINDOW_DAYS} days after start_date`,
        'maxSpan',
        {
          limit: WINDOW_DAYS,
        },
      );
    }
    [from, to] = [start, end];
  } else if (start) {
    [from, to] = [start, new Date(start.getTime() + WINDOW_DAYS * DAY_MS)];
  } else if (end) {
    [from, to] = [new Date(end.getTime() - WINDOW_DAYS * DAY_MS), end];
  } else {
    [from, to] = [new Date(now.getTime() - WINDOW_DAYS * DAY_MS), now];
  }
  problems.check();
  return {
    kind: 'search',
    serviceCodes: list(params, 'service_code'),
    statuses: statuses as Open311Status[] | null,
    from: from.toISOString(),
    to: to.toISOString(),
  };
}
