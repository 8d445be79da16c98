import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import * as core from './migrations/2026-11-29T00-core.js';
import * as knowledge from './migrations/2026-11-29T01-knowledge.js';
import * as knowledgeSearch from './migrations/2026-11-29T02-knowledge-search.js';
import * as ticketNotify from './migrations/2026-11-29T03-ticket-notify.js';
import * as citizenEvaluations from './migrations/2026-11-29T04-citizen-evaluations.js';
import * as channels from './migrations/2026-11-29T05-channels.js';
import * as open311 from './migrations/2026-11-29T06-open311.js';
import * as wechat from './migrations/2026-11-29T07-wechat.js';
import * as messaging from './migrations/2026-11-29T08-messaging.js';
import * as cti from './migrations/2026-11-29T09-cti.js';
import * as intelligence from './migrations/2026-11-29T10-intelligence.js';
import * as supervision from './migrations/2026-11-29T11-supervision.js';
import * as measures from './migrations/2026-11-29T12-measures.js';
import * as staffContacts from './migrations/2026-11-29T13-staff-contacts.js';
import * as routing from './migrations/2026-11-29T14-routing.js';
import * as hotspots from './migrations/2026-11-29T17-hotspots.js';
import * as replyQuality from './migrations/2026-11-29T18-reply-quality.js';

/** Every migration, in order. Names are ISO-dated; a released migration never changes. */
const migrations: Record<string, Migration> = {
  '2026-11-29T00-core': core,
  '2026-11-29T01-knowledge': knowledge,
  '2026-11-29T02-knowledge-search': knowledgeSearch,
  '2026-11-29T03-ticket-notify': ticketNotify,
  '2026-11-29T04-citizen-evaluations': citizenEvaluations,
  '2026-11-29T05-channels': channels,
  '2026-11-29T06-open311': open311,
  '2026-11-29T07-wechat': wechat,
  '2026-11-29T08-messaging': messaging,
  '2026-11-29T09-cti': cti,
  '2026-11-29T10-intelligence': intelligence,
  '2026-11-29T11-supervision': supervision,
  '2026-11-29T12-measures': measures,
  '2026-11-29T13-staff-contacts': staffContacts,
  '2026-11-29T14-routing': routing,
  '2026-11-29T17-hotspots': hotspots,
  '2026-11-29T18-reply-quality': replyQuality,
};

function migrator(database: Database): Migrator {
  return new Migrator({
    db: database.migrationDb,
    // Kysely looks for its lock table in every schema unless told which one is ours.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
    provider: { getMigrations: async () => migrations },
  });
}

function check(result: MigrationResultSet): string[] {
  if (result.error)
    throw result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}: ${r.status}`);
}

/** Brings the schema up to date; returns what ran. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  return check(await migrator(database).migrateToLatest());
}

export async function migrateDown(database: Database): Promise<string[]> {
  return check(await migrator(database).migrateDown());
}
