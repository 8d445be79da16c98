import { requireRoles, type Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { fromLocalTime } from '../../platform/time-zone.js';
import { CHANNELS, type Channel } from '../tickets/index.js';

export interface ChannelFigures {
  channel: Channel;
  /** Every contact on the channel (calls, messages, posts), also those that made no ticket. */
  contacts: number;
  tickets: number;
  /** Tickets answered at intake (直接答复). */
  directAnswers: number;
  /** directAnswers ÷ tickets; null without tickets. */
  directAnswerRate: number | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function day(field: string, value: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ValidationError(field, `${field} must be a date YYYY-MM-DD`, 'VALIDATION_FAILED', {
      rule: 'format',
    });
  }
  return value;
}

/** What came in on each channel over some days of the centre's calendar: the channels compared. */
export class ChannelFiguresService {
  constructor(
    private readonly database: Database,
    private readonly timeZone: string,
  ) {}

  async figures(actor: Actor, range: { from: string; to: string }): Promise<ChannelFigures[]> {
    requireRoles(actor, ['supervisor', 'analyst', 'admin'], 'Channel figures are for supervisors');
    const from = day('from', range.from);
    const to = day('to', range.to);
    if (to < from) {
      throw new ValidationError('to', 'to must not be before from', 'VALIDATION_FAILED', {
        rule: 'minimum',
      });
    }
    // From the first day's local midnight to the midnight after the last day, as stored (UTC).
    const start = fromLocalTime({ date: from, timeOfDay: 0 }, this.timeZone).toISOString();
    const nextDay = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    const end = fromLocalTime({ date: nextDay, timeOfDay: 0 }, this.timeZone).toISOString();
    const db = this.database.db;
    const [contacts, tickets] = await Promise.all([
      db
        .selectFrom('contacts')
        .select(['channel', (eb) => eb.fn.countAll().as('n')])
        .where('started_at', '>=', start)
        .where('started_at', '<', end)
        .groupBy('channel')
        .execute(),
      db
        .selectFrom('tickets')
        .select([
          'channel',
          (eb) => eb.fn.countAll().as('n'),
          (eb) =>
            eb.fn
              .sum(eb.case().when('resolution', '=', 'direct_answer').then(1).else(0).end())
              .as('direct'),
        ])
        .where('created_at', '>=', start)
        .where('created_at', '<', end)
        .groupBy('channel')
        .execute(),
    ]);
    const contactsOf = new Map(contacts.map((row) => [row.channel, Number(row.n)]));
    const ticketsOf = new Map(
      tickets.map((row) => [row.channel, { n: Number(row.n), direct: Number(row.direct ?? 0) }]),
    );
    return CHANNELS.map((channel) => {
      const made = ticketsOf.get(channel) ?? { n: 0, direct: 0 };
      return {
        channel,
        contacts: contactsOf.get(channel) ?? 0,
        tickets: made.n,
        directAnswers: made.direct,
        directAnswerRate: made.n === 0 ? null : made.direct / made.n,
      };
    });
  }
}
