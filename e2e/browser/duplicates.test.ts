import type { APIRequestContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, json, screenshot, useJourney } from '../../src/test-support/browser.js';

// Duplicates (并单) at the dispatch desk: a repeat appeal in the queue is flagged as a likely
// duplicate of the open ticket it repeats, with the score and why; one click merges it under it.

interface Ticket {
  id: number;
  number: string;
  status: string;
  parentId: number | null;
}
interface Unit {
  id: number;
  name: string;
}

describe.runIf(browserAvailable)('likely duplicates at the dispatch desk', () => {
  const journey = useJourney();
  let operator: APIRequestContext;
  let streetLight: number;
  let naxi: Unit;
  let naxiStreet: Unit;

  beforeAll(async () => {
    operator = await journey.api('operator');
    const categories = await journey.getJson<{
      items: Array<{ id: number; path: string[] }>;
    }>(operator, '/categories');
    streetLight = categories.items.find((c) => c.path.join('/') === '城乡建设/市政设施/路灯')!.id;
    const districts = await journey.getJson<{ items: Unit[] }>(operator, '/units?type=district');
    naxi = districts.items.find((u) => u.name === '纳溪区')!;
    naxiStreet = (
      await journey.getJson<{ items: Unit[] }>(operator, `/units?type=street&districtId=${naxi.id}`)
    ).items[0]!;
  });

  const file = (description: string, phone: string) =>
    json<Ticket>(
      operator.post(journey.apiUrl('/tickets'), {
        data: {
          channel: 'phone',
          appealType: 'complaint',
          urgency: 'emergency',
          description,
          categoryId: streetLight,
          districtId: naxi.id,
          streetId: naxiStreet.id,
          address: '纳溪区永宁路 77 号',
          citizenPhone: phone,
          disposition: 'dispatch',
        },
      }),
      201,
    );

  it('flags the repeat in the queue and merges it under the open ticket in one click', async () => {
    const parent = await file('永宁路77号门口的路灯倒了，电线露在外面很危险', '13500007701');
    const repeat = await file('永宁路 77 号路灯杆倒在路边，电线裸露', '13500007702');

    const desk = await journey.staff('dispatcher', '/dispatch');
    const queueRow = (number: string) =>
      desk.locator('table.dsp-table tbody tr').filter({ hasText: number });
    await queueRow(repeat.number).getByText(`疑似重复 / 可能与 ${parent.number} 重复`).waitFor();
    await screenshot(desk, 'dispatch-duplicates.zh-CN');

    await desk.getByRole('button', { name: `打开派单 ${repeat.number}` }).click();
    const panel = desk.getByRole('region', { name: `派单：${repeat.number}` });
    const candidates = panel.getByRole('region', { name: '疑似重复工单' });
    await candidates.getByText('同一地址').first().waitFor();
    await candidates.getByRole('button', { name: `并入 ${parent.number}` }).click();
    await expect
      .poll(() => desk.getByRole('status').allTextContents(), { timeout: 15_000 })
      .toContainEqual(expect.stringContaining(`${repeat.number} 已并单`));
    await expect.poll(() => queueRow(repeat.number).count(), { timeout: 15_000 }).toBe(0);

    const dispatcher = await journey.api('dispatcher');
    const after = await journey.getJson<Ticket>(dispatcher, `/tickets/${repeat.id}`);
    expect(after).toMatchObject({ status: 'merged', parentId: parent.id });
    await desk.context().close();
  }, 120_000);
});
