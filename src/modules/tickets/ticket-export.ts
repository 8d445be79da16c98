import type { Writable } from 'node:stream';
import { UTF8_BOM, writeCsvRecord } from '../../platform/csv.js';
import type { Database } from '../../platform/db/database.js';
import { maskAddress, maskName, maskPhone } from './ticket-access.js';
import { toTicket } from './tickets.repository.js';
import type { Ticket } from './ticket.js';

export interface ExportOptions {
  format: 'csv' | 'json';
  /** ISO bounds on created_at. */
  from?: string;
  to?: string;
  /** Citizen data in full (an administrator's export for a lawful request); masked otherwise. */
  unmasked?: boolean;
}

const COLUMNS: Array<keyof Ticket> = [
  'number',
  'status',
  'appealType',
  'categoryId',
  'urgency',
  'channel',
  'title',
  'description',
  'address',
  'districtId',
  'streetId',
  'lat',
  'lng',
  'citizenName',
  'citizenPhone',
  'confidential',
  'leadUnitId',
  'parentId',
  'createdAt',
  'dispatchedAt',
  'signDueAt',
  'signedAt',
  'replyDueAt',
  'repliedAt',
  'replyText',
  'closedAt',
  'resolution',
  'reopenCount',
  'returnCount',
];

const cellText = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

const write = (stream: Writable, chunk: string): Promise<void> =>
  new Promise((resolve, reject) => {
    if (stream.write(chunk)) resolve();
    else stream.once('drain', resolve).once('error', reject);
  });

/** Streams tickets as CSV (with a BOM, for Excel) or JSON lines, in pages, oldest first. */
export async function exportTickets(
  database: Database,
  stream: Writable,
  options: ExportOptions,
): Promise<number> {
  if (options.format === 'csv') await write(stream, UTF8_BOM + writeCsvRecord(COLUMNS) + '\n');
  let afterId = 0;
  let count = 0;
  for (;;) {
    let query = database.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(1000);
    if (options.from) query = query.where('created_at', '>=', options.from);
    if (options.to) query = query.where('created_at', '<', options.to);
    const rows = await query.execute();
    if (rows.length === 0) return count;
    for (const row of rows) {
      const ticket = toTicket(row);
      if (!options.unmasked) {
        ticket.citizenName = maskName(ticket.citizenName);
        ticket.citizenPhone = maskPhone(ticket.citizenPhone);
        ticket.address = maskAddress(ticket.address);
      }
      const line =
        options.format === 'csv'
          ? writeCsvRecord(COLUMNS.map((c) => cellText(ticket[c]))) + '\n'
          : JSON.stringify(Object.fromEntries(COLUMNS.map((c) => [c, ticket[c]]))) + '\n';
      await write(stream, line);
      count++;
    }
    afterId = rows[rows.length - 1]!.id;
  }
}
