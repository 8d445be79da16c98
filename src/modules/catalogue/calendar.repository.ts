import type { CalendarDay, DayKind } from './catalogue-types.js';
import type { Executor } from './categories.repository.js';

const toDay = (row: { date: string; kind: string; name: string | null }): CalendarDay => ({
  date: row.date,
  kind: row.kind as DayKind,
  name: row.name,
});

export async function listCalendarDays(db: Executor, year?: number): Promise<CalendarDay[]> {
  let query = db.selectFrom('calendar_days').selectAll().orderBy('date');
  if (year !== undefined) {
    query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  }
  return (await query.execute()).map(toDay);
}

export async function findCalendarDay(db: Executor, date: string): Promise<CalendarDay | null> {
  const row = await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('date', '=', date)
    .executeTakeFirst();
  return row ? toDay(row) : null;
}

export async function countCalendarDays(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('calendar_days')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts days, leaving any date already present as it is. */
export async function insertCalendarDays(
  trx: Executor,
  days: readonly CalendarDay[],
): Promise<void> {
  for (let start = 0; start < days.length; start += 300) {
    const chunk = days.slice(start, start + 300);
    if (chunk.length === 0) continue;
    await trx
      .insertInto('calendar_days')
      .values(chunk.map((d) => ({ date: d.date, kind: d.kind, name: d.name })))
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
  }
}

export async function upsertCalendarDay(trx: Executor, day: CalendarDay): Promise<void> {
  await trx
    .insertInto('calendar_days')
    .values({ date: day.date, kind: day.kind, name: day.name })
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name }))
    .execute();
}

export async function deleteCalendarDay(trx: Executor, date: string): Promise<boolean> {
  const result = await trx.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteCalendarYear(trx: Executor, year: number): Promise<void> {
  await trx
    .deleteFrom('calendar_days')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
}
