import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { AuditLog } from '../../platform/audit.js';
import { FakeClock } from '../../platform/clock.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { createFixture, type Fixture } from '../../test-support/fixtures.js';
import { AttachmentStorage } from './attachment-storage.js';
import { AttachmentService } from './attachments.service.js';
import { actorFor } from '../../test-support/fixtures.js';
import { seedAssignment, seedTicket } from '../../test-support/tickets.js';
import { TicketQueries } from './ticket-query.service.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('rest of a picture'),
]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n');
const MAX = 2048;

describe.each(TEST_DIALECTS)('attachments on %s', (dialect) => {
  let testDb: TestDatabase;
  let fx: Fixture;
  let dataDir: string;
  let service: AttachmentService;
  let storage: AttachmentStorage;
  let ticketId: number;
  const actors: Record<string, Actor> = {};

  const rows = async () =>
    testDb.database.db.selectFrom('ticket_attachments').selectAll().execute();
  /** Every file under the attachments folder, temporary ones included. */
  const files = (): string[] =>
    fs.existsSync(storage.root)
      ? (fs.readdirSync(storage.root, { recursive: true }) as string[]).filter((f) =>
          fs.statSync(path.join(storage.root, f)).isFile(),
        )
      : [];
  const upload = (actor: string, content: Buffer, declaredType: string, purpose = 'appeal') =>
    service.upload(actors[actor]!, ticketId, {
      name: '路灯照片.png',
      declaredType,
      purpose,
      content: Readable.from([content]),
    });

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    fx = await createFixture(testDb.database);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-att-'));
    const clock = new FakeClock('2026-03-02T01:00:00.000Z');
    const queries = new TicketQueries(
      testDb.database,
      clock,
      new AuditLog(testDb.database, clock),
      'Asia/Shanghai',
    );
    storage = new AttachmentStorage(dataDir);
    service = new AttachmentService(testDb.database, clock, queries, storage, {
      maxBytes: MAX,
      timeZone: 'Asia/Shanghai',
    });
    for (const name of ['op1', 'h-nancheng', 'h-anfu', 'ana1'])
      actors[name] = await actorFor(testDb.database, name);
    ticketId = await seedTicket(testDb.database, { status: 'dispatched' });
    await seedAssignment(testDb.database, ticketId, fx.units.nanchengStreet);
  });
  afterAll(async () => {
    await testDb.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a file on disk by month, with its hash, and gives the same bytes back', async () => {
    const attachment = await upload('op1', PNG, 'image/png');
    expect(attachment).toMatchObject({
      mime: 'image/png',
      size: PNG.length,
      name: '路灯照片.png',
      purpose: 'appeal',
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    expect(attachment.storageKey).toMatch(/^2026\/03\/[\w-]+$/);
    expect(files()).toEqual([path.join('2026', '03', attachment.storageKey.split('/')[2]!)]);
    const opened = await service.open(actors['h-nancheng']!, ticketId, attachment.id);
    expect(Buffer.compare(await buffer(opened.content), PNG)).toBe(0);
    const listed = await service.list(actors['h-nancheng']!, ticketId);
    expect(listed.map((a) => a.id)).toEqual([attachment.id]);
    const events = await testDb.database.db
      .selectFrom('ticket_events')
      .select(['type', 'data'])
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['attachment_added']);
    expect(events[0]!.data).not.toContain('路灯照片');
  });

  it('refuses a file whose content is not its declared type, and keeps nothing of it', async () => {
    const before = { rows: (await rows()).length, files: files().length };
    await expect(upload('op1', PDF, 'image/png')).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(
      upload('op1', Buffer.from('MZ\x90\x00binary'), 'application/octet-stream'),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    await expect(
      upload('op1', Buffer.from([0x68, 0x69, 0x00, 0x01]), 'text/plain'),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect({ rows: (await rows()).length, files: files().length }).toEqual(before);
  });

  it('accepts plain UTF-8 text and a reply document from the handling unit', async () => {
    const text = await upload('op1', Buffer.from('现场已修复 fixed 😀\n'), 'text/plain');
    expect(text.mime).toBe('text/plain');
    const reply = await upload('h-nancheng', PDF, 'application/pdf', 'reply');
    expect(reply).toMatchObject({ mime: 'application/pdf', purpose: 'reply' });
  });

  it('refuses a file over the size limit, and keeps nothing of it', async () => {
    const before = { rows: (await rows()).length, files: files().length };
    const big = Buffer.concat([PNG, Buffer.alloc(MAX)]);
    await expect(upload('op1', big, 'image/png')).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect({ rows: (await rows()).length, files: files().length }).toEqual(before);
  });

  it('lets only those who work on the ticket add files, and hides it from other units', async () => {
    await expect(upload('h-anfu', PNG, 'image/png')).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await expect(service.list(actors['h-anfu']!, ticketId)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await expect(upload('ana1', PNG, 'image/png')).rejects.toMatchObject({
      code: 'ATTACHMENT_NOT_ALLOWED',
    });
    await expect(upload('op1', PNG, 'image/png', 'selfie')).rejects.toMatchObject({
      details: { field: 'purpose' },
    });
  });

  it('answers 404 for an attachment of another ticket', async () => {
    const [first] = await rows();
    const other = await seedTicket(testDb.database);
    await expect(service.open(actors['op1']!, other, first!.id)).rejects.toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
    });
  });
});
