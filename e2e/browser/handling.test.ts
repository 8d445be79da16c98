import { deflateSync } from 'node:zlib';
import type { APIRequestContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface QueueItem {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  role: 'lead' | 'co';
  assignmentState: string;
  dispatchedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
}

interface Ticket {
  id: number;
  number: string;
  title: string;
  status: string;
  leadUnitId: number | null;
  replyDueAt: string | null;
  version: number;
  assignments: Array<{ unitId: number; state: string }>;
}

interface Unit {
  id: number;
  name: string;
  type: string;
  districtId: number | null;
}

const OPEN = 'status=dispatched&status=in_progress&status=return_review';

/** A small real PNG (a red square), made here so the test needs no file. */
function redSquarePng(size = 24): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([200, 30, 40]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.runIf(browserAvailable)(
  'the handling unit and the district coordinator in a browser',
  () => {
    const journey = useJourney();
    let dispatcher: APIRequestContext;
    let handlerUnit: Unit;
    /** Two tickets the dispatch desk sends to 南城街道 for this journey. */
    let signOne: Ticket;
    let signMany: Ticket;

    beforeAll(async () => {
      dispatcher = await journey.api('dispatcher');
      const units = await journey.getJson<{ items: Unit[] }>(dispatcher, '/units?q=南城街道');
      handlerUnit = units.items.find((unit) => unit.name === '南城街道')!;
      expect(handlerUnit).toBeDefined();
      // Fresh dispatches, whatever the demo's queue holds today.
      const pending = await journey.getJson<{ items: Ticket[] }>(
        dispatcher,
        '/dispatch/queue?pageSize=5',
      );
      expect(pending.items.length).toBeGreaterThanOrEqual(2);
      const sent: Ticket[] = [];
      for (const ticket of pending.items.slice(0, 2)) {
        const response = await dispatcher.post(journey.apiUrl(`/tickets/${ticket.id}/dispatch`), {
          data: { leadUnitId: handlerUnit.id },
        });
        expect(response.status()).toBe(200);
        sent.push((await response.json()) as Ticket);
      }
      [signOne, signMany] = sent as [Ticket, Ticket];
    }, 180_000);
    const ticketOf = (request: APIRequestContext, id: number): Promise<Ticket> =>
      journey.getJson<Ticket>(request, `/tickets/${id}`);

    it('the handler signs for, replies with a photo and asks for an extension; other units’ tickets stay closed', async () => {
      const page = await journey.staff('handler', '/handling');
      await page.getByRole('heading', { name: '承办工作台' }).waitFor();
      const request = page.request;

      // The queue, nearest deadline first, each time limit coloured by how much of it is used.
      const queue = await journey.getJson<{ items: QueueItem[] }>(request, '/handling/queue');
      const dues = queue.items.map((item) => item.dueAt ?? '9999');
      expect(dues).toEqual([...dues].sort());
      const table = page.getByRole('tabpanel').getByRole('table');
      const rows = table.locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(queue.items.length);
      const shown = await table.locator('tbody tr td:nth-child(2)').allTextContents();
      expect(shown).toEqual(queue.items.map((item) => item.number));
      for (const [index, item] of queue.items.entries()) {
        const badge = rows.nth(index).locator('td:last-child .badge');
        const tone = (await badge.getAttribute('class')) ?? '';
        if (item.overdue) {
          expect(tone).toContain('badge-danger');
          expect(await badge.textContent()).toMatch(/^超期 /);
        } else {
          expect(tone).not.toContain('badge-danger');
          expect(await badge.textContent()).toMatch(/^剩余 /);
        }
      }
      // The demo keeps some of the unit's sign-fors late, so the red is there to see.
      expect(await table.locator('.badge-danger').count()).toBeGreaterThan(0);
      await page.getByRole('tab', { name: /待签收/ }).click();
      await expect
        .poll(() => page.getByRole('tabpanel').getByRole('row', { name: signOne.number }).count())
        .toBe(1);
      await page.getByRole('tab', { name: /全部待办/ }).click();
      await screenshot(page, 'handling-queue.zh-CN');

      // One click signs for a ticket from its detail …
      const rowOne = table.getByRole('row').filter({ hasText: signOne.number });
      await rowOne.getByRole('button', { name: signOne.title }).click();
      const detail = page.getByRole('complementary', { name: '工单详情与办理' });
      await detail.getByRole('heading', { name: signOne.title }).waitFor();
      await detail.getByRole('button', { name: '签收', exact: true }).click();
      await detail.getByText('已签收，请办理并答复。').waitFor();
      expect((await ticketOf(request, signOne.id)).status).toBe('in_progress');

      // … and several selected tickets are signed for at once.
      await page.getByLabel(`选择工单 ${signMany.number}`).check();
      await page.getByRole('button', { name: '签收所选（1）' }).click();
      await page.getByText('已签收 1 件工单。').waitFor();
      expect((await ticketOf(request, signMany.id)).status).toBe('in_progress');

      // The reply: what was done, with a photo shown as a thumbnail before it is sent.
      await detail.getByRole('button', { name: '答复办结', pressed: true }).waitFor();
      await detail.getByLabel('办理情况').fill('已到现场核实并整改完毕，已电话告知市民。');
      await detail.getByLabel('现场照片').setInputFiles({
        name: 'scene.png',
        mimeType: 'image/png',
        buffer: redSquarePng(),
      });
      const thumbnail = detail.getByRole('img', { name: 'scene.png' });
      await thumbnail.waitFor();
      await expect
        .poll(() =>
          thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBe(24);
      // Tall enough for the detail panel (which scrolls on its own) to show the whole form.
      await page.setViewportSize({ width: 1440, height: 1300 });
      await screenshot(page, 'handling-reply.zh-CN');
      await page.setViewportSize({ width: 1440, height: 900 });
      await detail.getByRole('button', { name: '提交答复' }).click();
      await detail.getByText('已答复，工单转入回访。').waitFor();
      await detail.getByText('本单位已答复，等待回访。').waitFor();
      expect((await ticketOf(request, signOne.id)).status).toBe('replied');
      const files = await journey.getJson<{
        items: Array<{ name: string; mime: string; purpose: string }>;
      }>(request, `/tickets/${signOne.id}/attachments`);
      expect(files.items).toContainEqual(
        expect.objectContaining({ name: 'scene.png', mime: 'image/png', purpose: 'reply' }),
      );
      await expect.poll(() => rows.filter({ hasText: signOne.number }).count()).toBe(0);

      // An extension: a reason too short is refused next to the field, then a proper one is sent.
      await table
        .getByRole('row')
        .filter({ hasText: signMany.number })
        .getByRole('button', { name: signMany.title })
        .click();
      await detail.getByRole('heading', { name: signMany.title }).waitFor();
      await detail.getByRole('button', { name: '申请延期' }).click();
      await detail.getByLabel('延期工作日').fill('5');
      await detail.getByLabel('延期理由').fill('太短');
      await detail.getByRole('button', { name: '提交延期申请' }).click();
      await expect
        .poll(() => detail.getByRole('alert').first().textContent())
        .toMatch(/至少 5 个字/);
      await detail.getByLabel('延期理由').fill('需协调产权单位共同维修，所需时间较长');
      await detail.getByRole('button', { name: '提交延期申请' }).click();
      await detail.getByText('延期申请已提交，等待审核。').waitFor();
      // The unit sees what it asked, waiting for a decision, above its queue.
      await page
        .getByRole('region', { name: /待审核的申请/ })
        .getByRole('listitem')
        .filter({ hasText: signMany.number })
        .filter({ hasText: '延期申请' })
        .waitFor();

      // A ticket dispatched meanwhile appears by itself (server push), the open ticket stays.
      const pending = await journey.getJson<{ items: Ticket[] }>(
        dispatcher,
        '/dispatch/queue?pageSize=1',
      );
      const pushed = await dispatcher.post(
        journey.apiUrl(`/tickets/${pending.items[0]!.id}/dispatch`),
        {
          data: { leadUnitId: handlerUnit.id },
        },
      );
      expect(pushed.status()).toBe(200);
      const fresh = (await pushed.json()) as Ticket;
      await expect.poll(() => rows.filter({ hasText: fresh.number }).count()).toBe(1);
      await detail.getByRole('heading', { name: signMany.title }).waitFor();

      // Another unit's ticket: neither the page nor the API shows anything of it.
      const others = await journey.getJson<{ items: Ticket[] }>(
        dispatcher,
        `/tickets?districtId=${await otherDistrictId()}&pageSize=20`,
      );
      let foreign: Ticket | undefined;
      for (const candidate of others.items) {
        const full = await ticketOf(dispatcher, candidate.id);
        if (!full.assignments.some((a) => a.unitId === handlerUnit.id)) {
          foreign = full;
          break;
        }
      }
      expect(foreign).toBeDefined();
      const refused = await request.get(journey.apiUrl(`/tickets/${foreign!.id}`));
      expect([403, 404]).toContain(refused.status());
      const body = await refused.text();
      expect(body).not.toContain(foreign!.title);
      expect(Object.keys(JSON.parse(body) as object)).toEqual(['error']);
      await page.goto(`${journey.baseUrl()}/tickets/${foreign!.id}`);
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toMatch(/找不到这张工单|不在您的数据范围/);
      expect(await page.getByText(foreign!.title).count()).toBe(0);
      await page.context().close();
    }, 180_000);

    async function otherDistrictId(): Promise<number> {
      const units = await journey.getJson<{ items: Unit[] }>(dispatcher, '/units?type=district');
      return units.items.find((unit) => unit.id !== handlerUnit.districtId)!.id;
    }

    it('the coordinator chases 江阳区’s overdue tickets, decides the extension and redistributes', async () => {
      const page = await journey.staff('coordinator', '/coordination');
      await page.getByRole('heading', { name: /区县协调督办 · 江阳区/ }).waitFor();
      const request = page.request;
      const districtId = handlerUnit.districtId!;

      const overdue = await journey.getJson<{ items: Ticket[]; total: number }>(
        request,
        `/tickets?districtId=${districtId}&overdue=true&${OPEN}&pageSize=50`,
      );
      expect(overdue.total).toBeGreaterThan(0);
      const tiles = page.getByRole('list', { name: '本区县工单概况' });
      await expect
        .poll(() => tiles.getByRole('listitem').filter({ hasText: '已超期' }).textContent())
        .toBe(`已超期${overdue.total}`);
      const table = page.getByRole('table', { name: '已超期' });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(overdue.items.length);
      // Every row is marked overdue (an emergency's urgency badge may be red too).
      expect(
        await table
          .locator('tbody tr')
          .filter({ has: page.locator('.badge-danger') })
          .count(),
      ).toBe(overdue.items.length);
      const units = await table.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(units.every((name) => name.length > 0 && name !== '—')).toBe(true);
      await screenshot(page, 'coordination.zh-CN');

      // The handler's extension request waits here; approving it moves the reply deadline.
      const before = await ticketOf(request, signMany.id);
      await page.getByRole('tab', { name: '待审申请' }).click();
      await page.getByRole('button', { name: `审核工单 ${signMany.number} 的申请` }).click();
      await page.getByLabel('同意延期').check();
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await page.getByText(`工单 ${signMany.number} 的申请已审核。`).waitFor();
      const after = await ticketOf(request, signMany.id);
      expect(after.replyDueAt! > before.replyDueAt!).toBe(true);

      // Redistribution to another street of the district.
      await page.getByRole('tab', { name: '已超期' }).click();
      const target = overdue.items.find((ticket) => ticket.status !== 'return_review')!;
      const streets = await journey.getJson<{ items: Unit[] }>(
        request,
        `/units?districtId=${districtId}&type=street`,
      );
      const street = streets.items.find((unit) => unit.id !== target.leadUnitId)!;
      await page.getByRole('button', { name: `改派工单 ${target.number}` }).click();
      const form = page.getByRole('form', { name: `改派工单 ${target.number}` });
      await form.getByLabel('改派至').selectOption({ label: street.name });
      await form.getByLabel('改派理由').fill('属该街道辖区，由其就近办理');
      await form.getByRole('button', { name: '确认改派' }).click();
      await page.getByText(`工单 ${target.number} 已改派至${street.name}。`).waitFor();
      const moved = await ticketOf(request, target.id);
      expect(moved.status).toBe('dispatched');
      expect(moved.leadUnitId).toBe(street.id);
      await page.context().close();
    }, 180_000);

    it('shows both workspaces in English', async () => {
      const page = await journey.staff('handler', '/handling', { locale: 'en' });
      await page.getByRole('heading', { name: 'Handling' }).waitFor();
      await page.getByRole('tabpanel').getByRole('table').waitFor();
      await screenshot(page, 'handling-queue.en');
      await page.getByRole('tab', { name: /In progress/ }).click();
      const row = page.getByRole('tabpanel').locator('tbody tr').first();
      await row.locator('button.hd-open').click();
      const detail = page.getByRole('complementary', { name: 'Ticket and actions' });
      await detail.getByLabel('What was done').fill('Cleared the drain and checked it after rain.');
      await detail.getByLabel('Photos').setInputFiles({
        name: 'after.png',
        mimeType: 'image/png',
        buffer: redSquarePng(),
      });
      await detail.getByRole('img', { name: 'after.png' }).waitFor();
      await page.setViewportSize({ width: 1440, height: 1300 });
      await screenshot(page, 'handling-reply.en');
      await page.context().close();

      const coordinator = await journey.staff('coordinator', '/coordination', { locale: 'en' });
      await coordinator.getByRole('table', { name: 'Overdue' }).waitFor();
      await screenshot(coordinator, 'coordination.en');

      // The coordinator also dispatches inside the district: the queue holds 江阳区's only.
      await coordinator
        .getByRole('navigation')
        .getByRole('link', { name: 'Dispatch', exact: true })
        .click();
      await coordinator.getByRole('heading', { name: /Tickets awaiting dispatch/ }).waitFor();
      const queue = await journey.getJson<{ items: Array<{ districtId: number | null }> }>(
        coordinator,
        '/dispatch/queue',
      );
      const district = (
        await journey.getJson<{ user: { districtId: number } }>(coordinator, '/auth/me')
      ).user.districtId;
      expect(queue.items.every((item) => item.districtId === district)).toBe(true);
      await expect
        .poll(() => coordinator.locator('table tbody tr').count())
        .toBe(queue.items.length);
      await coordinator.context().close();
    }, 120_000);
  },
);
