import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/actor.js';
import { TEST_DIALECTS } from '../../../test-support/databases.js';
import { createWorkflow, type Workflow } from '../../../test-support/workflow.js';

const NOISE_TITLE = '工地夜间施工噪音扰民 𠮷';
const NOISE_DESCRIPTION =
  '我家旁边的工地每天晚上十一点后还在施工，噪音很大，影响休息。请问施工时间是怎么规定的？能否要求工地晚上停止施工？';
const COMPLETE =
  '您好！经现场核查，该工地确在夜间施工，噪音超标。根据《中华人民共和国环境噪声污染防治法》规定，' +
  '夜间（22时至次日6时）禁止产生噪声的施工作业，施工时间须在6时至22时之间。区城管执法大队已责令施工单位' +
  '晚上停止施工，并将于12月5日前复查；如仍有夜间施工，请拨打城管执法大队电话0830-3112345反映。😀';
const MISSING_TIME_RULE =
  '您好！经现场核查，该工地夜间施工噪音确实扰民。区城管执法大队已责令工地晚上停止施工，' +
  '并将于12月5日前复查，感谢您的监督。';

interface Quality {
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: string;
  points: Array<{ text: string; covered: boolean }>;
  hints: Array<{ code: string; params: Record<string, string> }>;
}
interface Stored {
  ticketId: number;
  unitId: number;
  repliedAt: string;
  overall: number;
  completeness: number;
  hints: string[];
}
interface UnitRow {
  unitId: number;
  unitName: string;
  count: number;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  belowShare: number;
}

describe.each(TEST_DIALECTS)('reply quality (%s)', (dialect) => {
  let w: Workflow;
  let dispatcher: Actor;
  let handler: Actor;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    [dispatcher, handler] = await Promise.all([w.actor('dispatcher'), w.actor('handler')]);
  });
  afterAll(() => w.close());

  /** A noise appeal dispatched to 南城街道 and signed for. */
  async function signedNoiseTicket(): Promise<number> {
    const id = await w.createTicket({ title: NOISE_TITLE });
    await w.database.write((trx) =>
      trx
        .updateTable('tickets')
        .set({ description: NOISE_DESCRIPTION })
        .where('id', '=', id)
        .execute(),
    );
    await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: w.fixture.units.nanchengStreet,
      coUnitIds: [],
    });
    await w.services.handling.service.sign(handler, id);
    return id;
  }

  const score = (user: 'handler' | 'handlerNaxi' | 'operator', ticketId: number, reply: string) =>
    w.call<Quality>(user, 'POST', '/intelligence/reply-quality', { ticketId, reply });

  it("scores the handler's draft: the point left out is named, nothing is stored", async () => {
    const id = await signedNoiseTicket();
    const complete = await score('handler', id, COMPLETE);
    expect(complete.status).toBe(200);
    expect(complete.body.points.map((p) => p.covered)).toEqual([true, true, true]);
    expect(complete.body.hints.map((h) => h.code)).not.toContain('pointMissing');

    const partial = await score('handler', id, MISSING_TIME_RULE);
    expect(partial.body.completeness).toBeLessThan(complete.body.completeness);
    expect(partial.body.points[0]!.text).toBe(NOISE_TITLE);
    const missing = partial.body.hints.filter((h) => h.code === 'pointMissing');
    expect(missing.map((h) => h.params.missing)).toEqual(['施工时间']);
    expect(missing[0]!.params.asked).toContain('施工时间');
    const stock = await score('handler', id, '您好！您反映的问题已收悉，感谢您的支持！');
    expect(stock.body.grade).toBe('D');
    expect(stock.body.hints.map((h) => h.code)).toContain('boilerplate');

    const stored = await w.database.db.selectFrom('reply_quality_scores').selectAll().execute();
    expect(stored.filter((r) => r.ticket_id === id)).toEqual([]);
  });

  it("is refused for a ticket that is not the handler's unit's, and to roles that do not reply", async () => {
    const id = await signedNoiseTicket();
    const otherUnit = await score('handlerNaxi', id, COMPLETE);
    expect(otherUnit.status).toBe(404);
    const operator = await score('operator', id, COMPLETE);
    expect(operator.status).toBe(403);
    const tooLong = await score('handler', id, '好'.repeat(20001));
    expect(tooLong.status).toBe(400);
    const ownScores = await w.call(
      'handlerNaxi',
      'GET',
      `/intelligence/reply-quality/tickets/${id}`,
    );
    expect(ownScores.status).toBe(404);
    const units = await w.call(
      'handler',
      'GET',
      `/intelligence/reply-quality/units?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
    );
    expect(units.status).toBe(403);
  });

  it('stores the score of the reply sent, once, with its unit and time; the handler sees it', async () => {
    const id = await signedNoiseTicket();
    const draft = await score('handler', id, MISSING_TIME_RULE);
    await w.services.handling.service.reply(handler, id, { text: MISSING_TIME_RULE });
    const intelligence = w.services.intelligence;
    expect(await intelligence.replyQuality.scoreSentReplies()).toBeGreaterThanOrEqual(1);
    expect(await intelligence.replyQuality.scoreSentReplies()).toBe(0);

    const mine = await w.call<{ items: Stored[] }>(
      'handler',
      'GET',
      `/intelligence/reply-quality/tickets/${id}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      ticketId: id,
      unitId: w.fixture.units.nanchengStreet,
      repliedAt: w.clock.now().toISOString(),
      overall: draft.body.overall,
      completeness: draft.body.completeness,
      hints: draft.body.hints.map((h) => h.code),
    });
  });

  it('gives supervisors per-unit averages, counts and the share below the threshold, with drill-down', async () => {
    // Hand-made scores in a period of their own: 南城街道 80, 50, 71; 安富街道 40; one outside.
    const units = w.fixture.units;
    const rows: Array<[number, number, string]> = [
      [units.nanchengStreet, 80, '2025-06-01T02:00:00.000Z'],
      [units.nanchengStreet, 50, '2025-06-10T02:00:00.000Z'],
      [units.nanchengStreet, 71, '2025-06-30T15:59:59.000Z'],
      [units.anfuStreet, 40, '2025-06-15T02:00:00.000Z'],
      [units.anfuStreet, 90, '2025-07-01T00:00:00.000Z'],
    ];
    for (const [unitId, overall, at] of rows) {
      const ticketId = await w.createTicket({ title: `评分 ${overall}` });
      await w.database.write(async (db) => {
        const event = await db
          .insertInto('ticket_events')
          .values({ ticket_id: ticketId, seq: 99, type: 'note', at, actor_id: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('reply_quality_scores')
          .values({
            event_id: event.id,
            ticket_id: ticketId,
            unit_id: unitId,
            replied_by: null,
            replied_at: at,
            relevance: overall,
            completeness: overall - 10,
            explanation: overall + 10,
            overall,
            grade: 'C',
            hints: '[]',
            scored_at: at,
          })
          .execute();
      });
    }
    const unitRows = await w.database.db.selectFrom('units').select(['id', 'name']).execute();
    const unitNames = new Map(unitRows.map((u) => [u.id, u.name]));
    const period = 'from=2025-06-01T00:00:00Z&to=2025-07-01T00:00:00Z';
    const figures = await w.call<{ below: number; items: UnitRow[] }>(
      'supervisor',
      'GET',
      `/intelligence/reply-quality/units?${period}`,
    );
    expect(figures.status).toBe(200);
    expect(figures.body.below).toBe(60);
    // Weakest unit first. 南城街道: (80 + 50 + 71) / 3 = 67; one of three below 60.
    expect(figures.body.items).toEqual([
      {
        unitId: units.anfuStreet,
        unitName: unitNames.get(units.anfuStreet),
        count: 1,
        relevance: 40,
        completeness: 30,
        explanation: 50,
        overall: 40,
        belowShare: 1,
      },
      {
        unitId: units.nanchengStreet,
        unitName: unitNames.get(units.nanchengStreet),
        count: 3,
        relevance: 67,
        completeness: 57,
        explanation: 77,
        overall: 67,
        belowShare: 0.333,
      },
    ]);
    const stricter = await w.call<{ items: UnitRow[] }>(
      'supervisor',
      'GET',
      `/intelligence/reply-quality/units?${period}&below=75`,
    );
    expect(stricter.body.items.find((u) => u.unitId === units.nanchengStreet)?.belowShare).toBe(
      0.667,
    );

    const drill = await w.call<{ items: Stored[] }>(
      'supervisor',
      'GET',
      `/intelligence/reply-quality/units/${units.nanchengStreet}/tickets?${period}`,
    );
    expect(drill.body.items.map((i) => i.overall)).toEqual([50, 71, 80]);

    const backwards = await w.call(
      'supervisor',
      'GET',
      '/intelligence/reply-quality/units?from=2025-07-01T00:00:00Z&to=2025-06-01T00:00:00Z',
    );
    expect(backwards.status).toBe(400);
  });
});
