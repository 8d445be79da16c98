import { requireRoles, type Actor, type Role } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { localDate } from '../../platform/time-zone.js';
import { maskPhone } from '../tickets/index.js';
import {
  addDays,
  ANSWER_TARGET_MS,
  averageSeconds,
  datesBetween,
  isCalendarDate,
  share,
  type CallOutcome,
} from './call-rules.js';
import { dailyFigures, listCalls, operatorFigures, type DayFigures } from './calls.repository.js';

/** Who reads the intake measures of the phone: the centre's management and the admin. */
export const MEASURE_ROLES: Role[] = ['supervisor', 'admin'];

/** The longest range one request may ask for. */
const MAX_DAYS = 366;
const DEFAULT_DAYS = 7;

export interface CallFigures {
  /** Calls the switch offered to the hotline. */
  offered: number;
  answered: number;
  /** Answered within 15 s of being offered. */
  answeredInTime: number;
  /** answeredInTime ÷ offered (null without calls). */
  inTimeRate: number | null;
  /** answered ÷ offered: the connection rate (接通率). */
  connectionRate: number | null;
  abandoned: number;
  missed: number;
  /** Average from answer to hang-up, in seconds, over answered calls that ended. */
  averageHandlingSeconds: number | null;
}

export interface CallMeasures {
  from: string;
  to: string;
  answerTargetSeconds: number;
  total: CallFigures;
  days: Array<CallFigures & { date: string }>;
  operators: Array<{
    userId: number;
    displayName: string;
    extension: string | null;
    answered: number;
    answeredInTime: number;
    averageHandlingSeconds: number | null;
  }>;
}

export interface CallListItem {
  id: number;
  switch: string;
  /** Masked: the measures' readers need no citizen's number. */
  callerNumber: string | null;
  calledNumber: string | null;
  agentExtension: string | null;
  operatorName: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  outcome: CallOutcome | null;
  waitSeconds: number | null;
  handlingSeconds: number | null;
  recordingUrl: string | null;
  contactId: number | null;
}

function figuresOf(rows: DayFigures[]): CallFigures {
  const sum = (pick: (row: DayFigures) => number) => rows.reduce((s, row) => s + pick(row), 0);
  const offered = sum((r) => r.offered);
  const answered = sum((r) => r.answered);
  const answeredInTime = sum((r) => r.answeredInTime);
  return {
    offered,
    answered,
    answeredInTime,
    inTimeRate: share(answeredInTime, offered),
    connectionRate: share(answered, offered),
    abandoned: sum((r) => r.abandoned),
    missed: sum((r) => r.missed),
    averageHandlingSeconds: averageSeconds(
      sum((r) => r.handleMsTotal),
      sum((r) => r.handled),
    ),
  };
}

/** The phone's intake measures: per day and per operator, over a range of the centre's dates. */
export class CallMeasuresService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  async measures(actor: Actor, range: { from?: string; to?: string }): Promise<CallMeasures> {
    requireRoles(actor, MEASURE_ROLES, 'Only supervisors and admins read the call measures');
    const { from, to } = this.range(range);
    const db = this.database.db;
    const [days, operators] = await Promise.all([
      dailyFigures(db, from, to, ANSWER_TARGET_MS),
      operatorFigures(db, from, to, ANSWER_TARGET_MS),
    ]);
    const byDay = new Map(days.map((row) => [row.day, row]));
    return {
      from,
      to,
      answerTargetSeconds: ANSWER_TARGET_MS / 1000,
      total: figuresOf(days),
      days: datesBetween(from, to).map((date) => {
        const row = byDay.get(date);
        return { date, ...figuresOf(row ? [row] : []) };
      }),
      // The busiest first; the same order on every database (collations differ).
      operators: [...operators]
        .sort(
          (a, b) =>
            b.answered - a.answered ||
            a.displayName.localeCompare(b.displayName, 'zh-CN') ||
            a.userId - b.userId,
        )
        .map((row) => ({
          userId: row.userId,
          displayName: row.displayName,
          extension: row.extension,
          answered: row.answered,
          answeredInTime: row.answeredInTime,
          averageHandlingSeconds: averageSeconds(row.handleMsTotal, row.handled),
        })),
    };
  }

  /** The calls of a range, newest first, with their outcome and recording link. */
  async calls(
    actor: Actor,
    query: { from?: string; to?: string; page?: number; pageSize?: number },
  ): Promise<{ items: CallListItem[]; total: number; page: number; pageSize: number }> {
    requireRoles(actor, MEASURE_ROLES, 'Only supervisors and admins read the call records');
    const { from, to } = this.range(query);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await listCalls(this.database.db, from, to, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return {
      items: items.map((call) => ({
        id: call.id,
        switch: call.switch,
        callerNumber: maskPhone(call.callerNumber),
        calledNumber: call.calledNumber,
        agentExtension: call.agentExtension,
        operatorName: call.operatorName,
        offeredAt: call.offeredAt,
        answeredAt: call.answeredAt,
        endedAt: call.endedAt,
        outcome: call.outcome,
        waitSeconds: call.answerWaitMs === null ? null : Math.round(call.answerWaitMs / 1000),
        handlingSeconds: call.handleMs === null ? null : Math.round(call.handleMs / 1000),
        recordingUrl: call.recordingUrl,
        contactId: call.contactId,
      })),
      total,
      page,
      pageSize,
    };
  }

  private range(range: { from?: string; to?: string }): { from: string; to: string } {
    const to = range.to ?? localDate(this.clock.now(), this.timeZone);
    const from = range.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    if (!isCalendarDate(from)) throw new ValidationError('from', 'from must be a date YYYY-MM-DD');
    if (!isCalendarDate(to)) throw new ValidationError('to', 'to must be a date YYYY-MM-DD');
    if (to < from) throw new ValidationError('to', 'to must not be before from');
    if (addDays(from, MAX_DAYS - 1) < to) {
      throw new ValidationError('to', `a range is at most ${MAX_DAYS} days`, 'VALIDATION_FAILED', {
        rule: 'maximum',
        limit: MAX_DAYS,
      });
    }
    return { from, to };
  }
}
