import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { multipart, PNG } from '../../test-support/http.js';
import { createWorkflow, type ApiBody, type Workflow } from '../../test-support/workflow.js';

interface Receipt {
  number: string;
  queryCode: string;
}

describe.each(TEST_DIALECTS)("the citizen's photos and evaluation (%s)", (dialect) => {
  let w: Workflow;
  beforeAll(async () => {
    w = await createWorkflow(dialect);
  });
  afterAll(async () => w.close());

  const file = async (): Promise<Receipt & { id: number }> => {
    const filed = await w.call<Receipt>(null, 'POST', '/public/appeals', {
      description: '滨江路 18 号门口路灯坏了一周 𠮷 🚧',
      citizenPhone: '13900001111',
      districtId: w.fixture.units.jiangyang,
    });
    expect(filed.status).toBe(201);
    const ticket = await w.services.tickets.query.getVisibleTicket(
      await w.actor('supervisor'),
      (
        await w.database.db
          .selectFrom('tickets')
          .select('id')
          .where('number', '=', filed.body.number)
          .executeTakeFirstOrThrow()
      ).id,
    );
    return { ...filed.body, id: ticket.id };
  };

  const photo = (receipt: Receipt, code: string, content = PNG, type = 'image/png') => {
    const body = multipart({}, { name: '路灯.png', type, content });
    return w.app.inject({
      method: 'POST',
      url: `/api/v1/public/appeals/${receipt.number}/photos?code=${code}`,
      payload: body.payload,
      headers: body.headers,
    });
  };

  /** received → accepted → dispatched to the housing bureau → signed → replied. */
  const bringToReply = async (id: number) => {
    const steps: Array<[Parameters<Workflow['call']>[0], string, Record<string, unknown>]> = [
      ['operator', `/tickets/${id}/accept`, { categoryId: w.fixture.categories.streetLight }],
      ['dispatcher', `/tickets/${id}/dispatch`, { leadUnitId: w.fixture.units.housingBureau }],
      ['handlerDept', `/tickets/${id}/sign`, {}],
      ['handlerDept', `/tickets/${id}/reply`, { text: '已更换灯泡，路灯恢复照明。' }],
    ];
    for (const [user, url, body] of steps) {
      const result = await w.call(user, 'POST', url, body);
      expect(result.status, `${url}: ${JSON.stringify(result.body)}`).toBe(200);
    }
  };

  it('lets the citizen add photos to their appeal with the query code, images only', async () => {
    const receipt = await file();
    const added = await photo(receipt, receipt.queryCode);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: '路灯.png', mime: 'image/png' });

    const wrongCode = await photo(receipt, 'WRONG123');
    expect(wrongCode.statusCode).toBe(404);
    const text = await photo(receipt, receipt.queryCode, Buffer.from('plain words'), 'text/plain');
    expect(text.statusCode).toBe(415);

    for (let i = 0; i < 3; i++)
      expect((await photo(receipt, receipt.queryCode)).statusCode).toBe(201);
    const fifth = await photo(receipt, receipt.queryCode);
    expect(fifth.statusCode).toBe(400);
    expect(fifth.json<ApiBody>().error?.field).toBe('file');

    // Staff see the citizen's photos on the ticket, marked as the citizen's own.
    const listed = await w.call<{ items: Array<{ uploadedBy: number | null; purpose: string }> }>(
      'operator',
      'GET',
      `/tickets/${receipt.id}/attachments`,
    );
    expect(listed.body.items).toHaveLength(4);
    expect(listed.body.items.every((a) => a.uploadedBy === null && a.purpose === 'appeal')).toBe(
      true,
    );
  });

  it('closes a replied appeal the citizen is satisfied with, once, without a callback', async () => {
    const receipt = await file();
    const evaluate = (body: Record<string, unknown>) =>
      w.call(null, 'POST', `/public/appeals/${receipt.number}/evaluation`, {
        code: receipt.queryCode,
        contacted: true,
        resolved: true,
        satisfaction: 'satisfied',
        ...body,
      });

    const early = await evaluate({});
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('NOT_AWAITING_EVALUATION');

    await bringToReply(receipt.id);
    const tracked = await w.call<{ canEvaluate: boolean; replyText: string }>(
      null,
      'GET',
      `/public/appeals/${receipt.number}?code=${receipt.queryCode}`,
    );
    expect(tracked.body).toMatchObject({
      canEvaluate: true,
      replyText: '已更换灯泡，路灯恢复照明。',
    });

    const invalid = await evaluate({ satisfaction: 'great' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.field).toBe('body.satisfaction');
    const wrongCode = await evaluate({ code: 'WRONG123' });
    expect(wrongCode.status).toBe(404);
    expect((await w.ticket(receipt.id)).status).toBe('replied');

    const done = await evaluate({ comment: '谢谢，很及时 👍' });
    expect(done.body).toMatchObject({ number: receipt.number, status: 'closed' });
    const ticket = await w.ticket(receipt.id);
    expect(ticket.resolution).toBe('citizen_evaluation');
    const queue = await w.call<{ items: Array<{ id: number }> }>(
      'callback',
      'GET',
      '/callback/queue',
    );
    expect(queue.body.items.map((t) => t.id)).not.toContain(receipt.id);
    const stored = await w.database.db
      .selectFrom('citizen_evaluations')
      .selectAll()
      .where('ticket_id', '=', receipt.id)
      .execute();
    expect(stored).toEqual([
      expect.objectContaining({
        satisfaction: 'satisfied',
        comment: '谢谢，很及时 👍',
        resolved: 1,
      }),
    ]);

    const again = await evaluate({});
    expect(again.status).toBe(409);
  });

  it('sends an appeal the citizen says is unresolved back to its unit', async () => {
    const receipt = await file();
    await bringToReply(receipt.id);
    const result = await w.call(null, 'POST', `/public/appeals/${receipt.number}/evaluation`, {
      code: receipt.queryCode,
      contacted: true,
      resolved: false,
      satisfaction: 'dissatisfied',
      comment: '灯还是不亮',
    });
    expect(result.body).toMatchObject({ status: 'in_progress' });
    const ticket = await w.ticket(receipt.id);
    expect(ticket.reopenCount).toBe(1);
    expect(ticket.leadUnitId).toBe(w.fixture.units.housingBureau);
  });
});
