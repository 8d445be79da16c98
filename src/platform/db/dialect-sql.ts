import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from './database.js';

// The few places where SQLite and PostgreSQL differ, side by side.

/** Replaces the search terms of one row of a searchable table (ticket_search). */
export async function writeSearchTerms(
  db: Kysely<never>,
  dialect: DialectName,
  ticketId: number,
  terms: string[],
  options: { isNew?: boolean } = {},
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`INSERT INTO ticket_search (ticket_id, grams) VALUES (${ticketId}, ${terms})
      ON CONFLICT (ticket_id) DO UPDATE SET grams = excluded.grams`.execute(db);
    return;
  }
  if (!options.isNew) await sql`DELETE FROM ticket_search WHERE rowid = ${ticketId}`.execute(db);
  await sql`INSERT INTO ticket_search (rowid, grams) VALUES (${ticketId}, ${terms.join(' ')})`.execute(
    db,
  );
}

const ftsExpression = (terms: string[]): string =>
  terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');

/**
 * A condition "tickets.id matches every term", for a WHERE clause. `broad` (SQLite only) says the
 * terms match many tickets: SQLite then walks the list's sort index and checks membership, which
 * stops after one page, instead of fetching and sorting every match.
 */
export function ticketMatchesTerms(
  dialect: DialectName,
  terms: string[],
  options: { broad?: boolean } = {},
): RawBuilder<boolean> {
  if (dialect === 'postgres') {
    return sql<boolean>`tickets.id IN (SELECT ticket_id FROM ticket_search WHERE grams @> ${terms}::text[])`;
  }
  const expression = ftsExpression(terms);
  // The unary + keeps SQLite from driving the query by rowid lookups from the match list.
  return options.broad
    ? sql<boolean>`+tickets.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ${expression})`
    : sql<boolean>`tickets.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ${expression})`;
}

/** SQLite: whether more than `threshold` tickets match every term (from the index alone). */
export async function matchesMoreThan(
  db: Kysely<never>,
  dialect: DialectName,
  terms: string[],
  threshold: number,
): Promise<boolean> {
  if (dialect === 'postgres') return false;
  const result = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT rowid FROM ticket_search
    WHERE ticket_search MATCH ${ftsExpression(terms)} LIMIT ${threshold + 1})`.execute(db);
  return Number(result.rows[0]?.n ?? 0) > threshold;
}

/** Takes the next value of a per-key counter (ticket numbers), safe across app instances. */
export async function nextCounter(db: Kysely<never>, key: string): Promise<number> {
  const result = await sql<{
    last_seq: number;
  }>`INSERT INTO ticket_numbers (day, last_seq) VALUES (${key}, 1)
    ON CONFLICT (day) DO UPDATE SET last_seq = ticket_numbers.last_seq + 1
    RETURNING last_seq`.execute(db);
  return Number(result.rows[0]!.last_seq);
}

/** Reserves `size` values of a counter in a transaction of its own; returns the last reserved. */
export async function reserveCounterBlock(
  db: Kysely<never>,
  key: string,
  size: number,
): Promise<number> {
  const result = await sql<{
    last_seq: number;
  }>`INSERT INTO ticket_numbers (day, last_seq) VALUES (${key}, ${size})
    ON CONFLICT (day) DO UPDATE SET last_seq = ticket_numbers.last_seq + ${size}
    RETURNING last_seq`.execute(db);
  return Number(result.rows[0]!.last_seq);
}
