import type { APIRequestContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

// The whole life of two appeals, each step done by its person on their own screen: a citizen
// files one on the portal from a phone, an operator takes another on the phone, the dispatcher
// sends both to 南城街道, the street's handler signs for and replies to both, the callback desk
// closes the phone ticket and the citizen rates the web one, which closes it.

interface Ticket {
  id: number;
  number: string;
  title: string;
  status: string;
  channel: string;
  categoryId: number | null;
  districtId: number | null;
  streetId: number | null;
  leadUnitId: number | null;
  resolution: string | null;
  citizenPhone: string | null;
}
interface Unit {
  id: number;
  name: string;
}
interface Attachment {
  name: string;
  mime: string;
  purpose: string;
}

// A 1×1 PNG: the smallest photo the server accepts as an image.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };

const WEB_APPEAL = '南城街道白招牌社区 3 栋门口的井盖丢了，晚上路过很危险，请尽快处理。';
const WEB_PHONE = '138 0830 4455';
const CALLER = '19955507788';
const PHONE_APPEAL = '南城街道澄溪路口的路灯一排都不亮，已经三天了，晚上很黑';
const WEB_REPLY = '已于当天补装井盖并设置警示标志，请您查看。';
const PHONE_REPLY = '已更换澄溪路口的路灯灯泡，经夜间巡查全部恢复照明。';

describe.runIf(browserAvailable)('the life of two appeals, from filing to closing', () => {
  const journey = useJourney();
  /** The operator's API session, for reads that check what the screens did. */
  let reader: APIRequestContext;
  let jiangyang: Unit;
  let nancheng: Unit;
  /** What the citizen keeps from the receipt. */
  let web: { number: string; code: string; id: number };
  /** The ticket the operator creates for the caller. */
  let call: { number: string; id: number };

  beforeAll(async () => {
    reader = await journey.api('operator');
    const districts = await journey.getJson<{ items: Unit[] }>(reader, '/units?type=district');
    jiangyang = districts.items.find((unit) => unit.name === '江阳区')!;
    const streets = await journey.getJson<{ items: Unit[] }>(
      reader,
      `/units?type=street&districtId=${jiangyang.id}`,
    );
    nancheng = streets.items.find((unit) => unit.name === '南城街道')!;
    expect(nancheng).toBeDefined();
  }, 180_000);

  /** The citizen's own phone. */
  const citizenPhone = () =>
    journey.page({
      locale: 'zh-CN',
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
  const ticket = (id: number) => journey.getJson<Ticket>(reader, `/tickets/${id}`);

  it('1. a citizen files an appeal with a photo on the portal and gets its number and code', async () => {
    const page = await citizenPhone();
    await page.goto(`${journey.baseUrl()}/portal`);
    await page.getByRole('link', { name: /我要反映/ }).click();
    await page.waitForURL(/\/portal\/file$/);
    await page.getByRole('radio', { name: '投诉' }).check();
    await page.getByLabel('诉求内容').fill(WEB_APPEAL);
    await page.getByLabel('地址').fill('江阳区南城街道白招牌社区 3 栋门口');
    await page.getByLabel('手机号码').fill(WEB_PHONE);
    await page.getByLabel('照片').setInputFiles({
      name: 'manhole.png',
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    await page.getByRole('button', { name: '移除照片 manhole.png' }).waitFor();
    await page.getByRole('button', { name: '提交' }).click();

    const receipt = page.getByRole('region', { name: '提交成功' });
    await receipt.waitFor();
    await receipt
      .getByRole('list', { name: '照片上传结果' })
      .getByRole('listitem')
      .filter({ hasText: 'manhole.png' })
      .filter({ hasText: '已上传' })
      .waitFor();
    const number = (await page.getByTestId('receipt-number').textContent()) ?? '';
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(number).toMatch(/^\d{14}$/);
    expect(code).not.toBe('');
    await screenshot(page, 'lifecycle-portal-receipt.zh-CN');

    // The centre has it, waiting to be accepted, with the photo.
    const filed = await journey.getJson<Ticket>(reader, `/tickets/by-number/${number}`);
    expect(filed).toMatchObject({ status: 'received', channel: 'web' });
    const files = await journey.getJson<{ items: Attachment[] }>(
      reader,
      `/tickets/${filed.id}/attachments`,
    );
    expect(files.items).toContainEqual(
      expect.objectContaining({ name: 'manhole.png', mime: 'image/png' }),
    );
    web = { number, code, id: filed.id };
    await page.context().close();
  }, 300_000);

  it('2. an operator takes a call and creates a ticket, and the web appeal is accepted', async () => {
    const page = await journey.staff('operator', '/operator');
    await page.waitForURL(/\/operator$/);
    const callerNumber = page.getByLabel('来电号码');
    await callerNumber.fill(CALLER);
    await callerNumber.press('Enter');
    await page.getByText('该号码没有历史来电和工单').waitFor();
    await expect.poll(() => page.getByLabel('联系电话').inputValue()).toBe(CALLER);

    await page.getByRole('textbox', { name: '诉求内容', exact: true }).fill(PHONE_APPEAL);
    // The category by typing: the option under the caret is chosen with Enter.
    const category = page.getByRole('combobox', { name: '诉求分类' });
    await category.click();
    await page.keyboard.type('路灯');
    await page.getByRole('option', { name: '城乡建设 › 市政设施 › 路灯' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => category.inputValue()).toBe('城乡建设 › 市政设施 › 路灯');
    await page
      .getByRole('combobox', { name: '区县', exact: true })
      .selectOption({ label: jiangyang.name });
    await page.getByRole('combobox', { name: '街道/乡镇' }).selectOption({ label: nancheng.name });
    // Where the catalogue would send it: the district; the dispatcher decides.
    await page.getByText(`按派单目录将派往：${jiangyang.name}`).waitFor();
    await screenshot(page, 'lifecycle-operator.zh-CN');

    await page.getByRole('button', { name: '创建工单' }).click();
    const notice = page.getByRole('status').filter({ hasText: '已创建' });
    await notice.waitFor();
    const number = /工单 (\d+) 已创建/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
    expect(number).not.toBe('');
    const created = await journey.getJson<Ticket>(reader, `/tickets/by-number/${number}`);
    expect(created).toMatchObject({
      status: 'pending_dispatch',
      channel: 'phone',
      citizenPhone: CALLER,
      districtId: jiangyang.id,
      streetId: nancheng.id,
    });
    call = { number, id: created.id };

    // The citizen's web appeal: the operator finds it by its number, waiting to be accepted.
    await page.getByRole('link', { name: '工单查询' }).click();
    await page.waitForURL(/\/tickets$/);
    await page.getByLabel('关键词').fill(web.number);
    await page.getByRole('button', { name: '搜索' }).click();
    const row = page.locator('table.tk-table tbody tr').filter({ hasText: web.number });
    await row.waitFor();
    await expect.poll(() => page.locator('table.tk-table tbody tr').count()).toBe(1);
    expect(await row.locator('td:nth-child(3)').textContent()).toBe('待受理');
    await row.getByRole('link', { name: web.number }).click();
    await page.waitForURL(new RegExp(`/tickets/${web.id}$`));
    await page.getByRole('region', { name: '诉求内容' }).getByText(WEB_APPEAL).waitFor();
    expect(await page.locator('.tk-badges .badge').first().textContent()).toBe('待受理');
    await screenshot(page, 'lifecycle-received.zh-CN');

    // The operator accepts it on the ticket page, classifying and placing it as they go.
    await page.getByRole('button', { name: '受理', exact: true }).click();
    const acceptCategory = page.getByRole('combobox', { name: '诉求分类' });
    await acceptCategory.click();
    await page.keyboard.type('井盖');
    await page.getByRole('option', { name: '城乡建设 › 市政设施 › 井盖缺失' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .getByRole('combobox', { name: '区县', exact: true })
      .selectOption({ label: jiangyang.name });
    await page.getByRole('combobox', { name: '街道/乡镇' }).selectOption({ label: nancheng.name });
    await page.getByRole('button', { name: '受理并转派单' }).click();
    await page.getByText('已受理，工单转入待派单。').waitFor();
    const accepted = await journey.getJson<Ticket>(reader, `/tickets/${web.id}`);
    expect(accepted).toMatchObject({ status: 'pending_dispatch', streetId: nancheng.id });
    // The ticket page shows the new state: 待派单.
    const status = page.locator('.tk-badges .badge').first();
    await expect.poll(() => status.textContent()).toBe('待派单');
    await page.context().close();
  }, 300_000);

  it('3. the dispatcher finds both in the queue and sends them to 南城街道', async () => {
    const page = await journey.staff('dispatcher', '/dispatch');
    await page.getByRole('heading', { name: /待派单工单/ }).waitFor();
    // Narrowed to the district, as a desk with a long queue would.
    await page
      .getByRole('tabpanel')
      .getByRole('combobox', { name: '区县/街道' })
      .selectOption({ label: jiangyang.name });
    const rowOf = (number: string) =>
      page.locator('table.dsp-table tbody tr').filter({ hasText: number });
    await rowOf(web.number).waitFor();
    await rowOf(call.number).waitFor();
    await screenshot(page, 'lifecycle-dispatch.zh-CN');

    for (const { number } of [web, call]) {
      await page.getByRole('button', { name: `打开派单 ${number}` }).click();
      const panel = page.getByRole('region', { name: `派单：${number}` });
      // The catalogue suggests the district, and the form starts from it; the dispatcher clears
      // it and types the street instead. (Typing straight over the prefilled name loses the first
      // character: the picker drops its text when the chosen unit is unset by that keystroke.)
      await panel.getByText(new RegExp(`^目录建议 主办\\s*${jiangyang.name}`)).waitFor();
      const lead = panel.getByLabel('主办单位');
      await expect.poll(() => lead.inputValue()).toBe(jiangyang.name);
      await lead.clear();
      await lead.pressSequentially(nancheng.name);
      await panel
        .getByRole('option', { name: new RegExp(`^${nancheng.name}`) })
        .first()
        .waitFor();
      await lead.press('Enter');
      expect(await lead.inputValue()).toBe(nancheng.name);
      await panel.getByRole('button', { name: '派单', exact: true }).click();
      await expect
        .poll(() => page.getByRole('status').allTextContents())
        .toContainEqual(expect.stringContaining(`${number} 已派单：${nancheng.name}`));
      await expect.poll(() => rowOf(number).count()).toBe(0);
    }
    for (const id of [web.id, call.id])
      expect(await ticket(id)).toMatchObject({ status: 'dispatched', leadUnitId: nancheng.id });
    await page.context().close();
  }, 300_000);

  it('4. the handler of 南城街道 signs for both and replies to each, one with a photo', async () => {
    const page = await journey.staff('handler', '/handling');
    await page.getByRole('heading', { name: '承办工作台' }).waitFor();
    const table = page.getByRole('tabpanel').getByRole('table');
    const rowOf = (number: string) => table.locator('tbody tr').filter({ hasText: number });
    for (const { number } of [web, call]) {
      await rowOf(number).waitFor();
      expect(await rowOf(number).locator('td:nth-child(4)').textContent()).toBe('已派单');
      await page.getByLabel(`选择工单 ${number}`).check();
    }
    await page.getByRole('button', { name: '签收所选（2）' }).click();
    await page.getByText('已签收 2 件工单。').waitFor();
    for (const { number } of [web, call])
      await expect
        .poll(() => rowOf(number).locator('td:nth-child(4)').textContent())
        .toBe('办理中');

    const detail = page.getByRole('complementary', { name: '工单详情与办理' });
    const reply = async (
      target: { number: string; id: number },
      text: string,
      photo?: string,
    ): Promise<void> => {
      const { title } = await ticket(target.id);
      await rowOf(target.number).getByRole('button', { name: title }).click();
      await detail.getByRole('heading', { name: title }).waitFor();
      await detail.getByRole('button', { name: '答复办结', pressed: true }).waitFor();
      await detail.getByLabel('办理情况').fill(text);
      if (photo) {
        await detail
          .getByLabel('现场照片')
          .setInputFiles({ name: photo, mimeType: 'image/png', buffer: PHOTO });
        await detail.getByRole('img', { name: photo }).waitFor();
        await page.setViewportSize({ width: DESK.width, height: 1300 });
        await screenshot(page, 'lifecycle-handling.zh-CN');
        await page.setViewportSize(DESK);
      }
      await detail.getByRole('button', { name: '提交答复' }).click();
      await detail.getByText('已答复，工单转入回访。').waitFor();
      await expect.poll(() => rowOf(target.number).count()).toBe(0);
    };
    await reply(web, WEB_REPLY, 'after.png');
    await reply(call, PHONE_REPLY);

    for (const id of [web.id, call.id]) expect((await ticket(id)).status).toBe('replied');
    const files = await journey.getJson<{ items: Attachment[] }>(
      reader,
      `/tickets/${web.id}/attachments`,
    );
    expect(files.items).toContainEqual(
      expect.objectContaining({ name: 'after.png', mime: 'image/png', purpose: 'reply' }),
    );
    await page.context().close();
  }, 300_000);

  it('5. the callback desk calls the caller back, who is satisfied: the phone ticket closes', async () => {
    const page = await journey.staff('callback', '/callback');
    const queue = page.getByRole('list', { name: '待回访工单' });
    const item = queue.getByRole('button', { name: new RegExp(call.number) });
    await item.click();
    await page.waitForURL(new RegExp(`ticket=${call.id}`));
    await page.getByRole('heading', { name: new RegExp(call.number) }).waitFor();
    // The reply the unit gave is on the desk, beside the appeal.
    await page.getByText(PHONE_REPLY).first().waitFor();
    const question = (name: RegExp) => page.getByRole('group', { name });
    await question(/是否与您联系/)
      .getByRole('radio', { name: '是' })
      .check();
    await question(/是否已解决/)
      .getByRole('radio', { name: '是' })
      .check();
    await question(/是否满意/)
      .getByRole('radio', { name: '满意', exact: true })
      .check();
    await page.getByLabel('回访记录').fill('市民确认路灯已修好，表示满意。');
    await screenshot(page, 'lifecycle-callback.zh-CN');
    await page.getByRole('button', { name: '提交回访并办结' }).click();
    await page.getByText(`工单 ${call.number} 回访完成，已办结。`).waitFor();
    await expect.poll(() => item.count()).toBe(0);
    expect(await ticket(call.id)).toMatchObject({ status: 'closed', resolution: 'callback' });
    await page.context().close();
  }, 300_000);

  it('6. the citizen follows the web appeal, reads the reply and rates it: it closes', async () => {
    const page = await citizenPhone();
    await page.goto(`${journey.baseUrl()}/portal/track`);
    await page.getByLabel('工单编号').fill(web.number);
    await page.getByLabel('查询码').fill(web.code);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const progress = page.getByRole('region', { name: `工单 ${web.number}` });
    await progress.getByText(WEB_REPLY).waitFor();
    await progress.locator('.portal-status').getByText('已答复').waitFor();

    await page
      .getByRole('group', { name: '办理单位联系过您吗？' })
      .getByRole('radio', { name: '是' })
      .check();
    await page
      .getByRole('group', { name: '问题解决了吗？' })
      .getByRole('radio', { name: '是' })
      .check();
    await page
      .getByRole('group', { name: '您对办理结果满意吗？' })
      .getByRole('radio', { name: '满意', exact: true })
      .check();
    await page.getByLabel('意见和建议（选填）').fill('井盖补得很及时，谢谢。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    await progress.locator('.portal-status').getByText('已办结').waitFor();
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await screenshot(page, 'lifecycle-portal-closed.zh-CN');

    expect(await ticket(web.id)).toMatchObject({
      status: 'closed',
      resolution: 'citizen_evaluation',
    });
    await page.context().close();
  }, 300_000);
});
