import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

const PHONE = { width: 390, height: 844 };
// A 1×1 PNG: the smallest photo the server accepts as an image.
const PHOTO = {
  name: 'light.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
};
// Somewhere in Luzhou's 江阳区.
const HERE = { latitude: 28.8787, longitude: 105.4426 };

describe.runIf(browserAvailable)('the citizen portal on a phone', () => {
  const journey = useJourney({
    context: {
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      geolocation: HERE,
      permissions: ['geolocation'],
    },
  });

  it('files an appeal, shows its number and code once, and follows it with them', async () => {
    const page = await journey.page({ locale: 'zh-CN' });
    await page.goto(`${journey.baseUrl()}/portal`);
    await page.getByRole('heading', { name: '有事找 12345' }).waitFor();
    await screenshot(page, 'portal-home.zh-CN');

    await page.getByRole('link', { name: /我要反映/ }).click();
    await page.waitForURL(/\/portal\/file$/);
    await page.getByRole('radio', { name: '投诉' }).check();
    await page
      .getByLabel('诉求内容')
      .fill('小区门口的路灯坏了一个星期，晚上很黑，老人出门不安全。');
    await page.getByLabel('地址').fill('江阳区南城街道白招牌社区 3 栋门口');
    // The citizen may say what it is about and where; both are optional.
    await page.getByLabel('诉求类别').selectOption({ label: '市政设施' });
    await page.getByLabel('所在区县').selectOption({ label: '江阳区' });
    await page.getByRole('button', { name: '使用我当前的位置' }).click();
    await page.getByRole('status').filter({ hasText: '已附上位置' }).waitFor();
    await page.getByLabel('手机号码').fill('abc');
    await page.getByRole('button', { name: '提交' }).click();
    // The server refuses the number; its message stands next to the phone field.
    const phoneError = page.getByRole('alert').filter({ hasText: '请填写正确的电话号码' });
    await phoneError.waitFor();
    expect(await page.getByLabel('手机号码').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'portal-file.zh-CN');

    await page.getByLabel('手机号码').fill('138 0830 1234');
    await page.getByLabel('照片').setInputFiles(PHOTO);
    await page.getByRole('button', { name: '移除照片 light.png' }).waitFor();
    await page.getByRole('button', { name: '提交' }).click();
    const receipt = page.getByRole('region', { name: '提交成功' });
    await receipt.waitFor();
    // The photo goes up with the new number and code.
    await receipt
      .getByRole('list', { name: '照片上传结果' })
      .getByRole('listitem')
      .filter({ hasText: 'light.png' })
      .filter({ hasText: '已上传' })
      .waitFor();
    const number = (await page.getByTestId('receipt-number').textContent()) ?? '';
    const code = (await page.getByTestId('receipt-code').textContent()) ?? '';
    expect(number).not.toBe('');
    expect(code).not.toBe('');
    await receipt.getByText('查询码只显示这一次').waitFor();
    await screenshot(page, 'portal-receipt.zh-CN');
    const filed = await journey.getJson<{ categoryId: number; districtId: number }>(
      await journey.api('supervisor'),
      `/tickets/by-number/${number}`,
    );
    const districts = await journey.getJson<{ items: Array<{ id: number; name: string }> }>(
      page.request,
      '/public/districts',
    );
    expect(filed.districtId).toBe(districts.items.find((d) => d.name === '江阳区')?.id);
    expect(filed.categoryId).not.toBeNull();

    // From the receipt, the tracking opens with number and code filled in, and shows the progress.
    await page.getByRole('link', { name: '查询办理进度' }).click();
    await page.waitForURL(/\/portal\/track\?number=/);
    const progress = page.getByRole('region', { name: `工单 ${number}` });
    await progress.getByText('待受理').waitFor();
    expect(await progress.getByRole('listitem').count()).toBe(5);
    await screenshot(page, 'portal-track.zh-CN');
    await page.context().close();

    // Later, in English, on another phone: by hand; a wrong code reads like an unknown number.
    const later = await journey.page({ locale: 'en' });
    await later.goto(`${journey.baseUrl()}/portal/track`);
    await later.getByLabel('Ticket number').fill(number);
    await later.getByLabel('Query code').fill('WRONG-CODE');
    await later.getByRole('button', { name: 'Show progress' }).click();
    await later
      .getByRole('alert')
      .filter({ hasText: 'The number or the query code is wrong' })
      .waitFor();
    await later.getByLabel('Query code').fill(code);
    await later.getByRole('button', { name: 'Show progress' }).click();
    const found = later.getByRole('region', { name: `Ticket ${number}` });
    await found.getByText('Received').waitFor();
    await found.getByText('No reply yet').waitFor();
    await screenshot(later, 'portal-track.en');

    await later.goto(`${journey.baseUrl()}/portal/file`);
    await later.getByLabel('What happened').fill('The street light in front of building 3 is out.');
    // A tap on the district map marks the place and chooses the district it falls in.
    const map = later.getByRole('img', { name: /Map of the districts/ });
    await expect.poll(() => map.getAttribute('aria-busy')).toBe('false');
    const box = await map.boundingBox();
    // Low in the middle of the map lies 古蔺县 (Gulin County).
    await map.tap({ position: { x: box!.width * 0.55, y: box!.height * 0.8 } });
    await later.getByRole('status').filter({ hasText: 'Location attached' }).waitFor();
    const district = later.getByLabel('District or county');
    await expect
      .poll(async () => district.locator('option:checked').textContent())
      .toBe('Gulin County');
    const tappedDistrict = Number(await district.inputValue());
    await screenshot(later, 'portal-file.en');
    await later.getByLabel('Phone number').fill('+86 138 0830 5678');
    await later.getByRole('button', { name: 'Send' }).click();
    await later.getByRole('region', { name: 'Appeal received' }).waitFor();
    const tapped = await journey.getJson<{ districtId: number; lat: number; lng: number }>(
      await journey.api('supervisor'),
      `/tickets/by-number/${(await later.getByTestId('receipt-number').textContent()) ?? ''}`,
    );
    expect(tapped.districtId).toBe(tappedDistrict);
    // Somewhere in Luzhou.
    expect(tapped.lat).toBeGreaterThan(27.6);
    expect(tapped.lat).toBeLessThan(29.4);
    expect(tapped.lng).toBeGreaterThan(105.1);
    expect(tapped.lng).toBeLessThan(106.5);
    await screenshot(later, 'portal-receipt.en');
    await later.goto(`${journey.baseUrl()}/portal`);
    await later.getByRole('heading', { name: 'Tell 12345' }).waitFor();
    await screenshot(later, 'portal-home.en');
    await later.context().close();
  }, 120_000);

  it('finds public answers and never an internal one', async () => {
    const editor = await journey.api('kbeditor');
    const publish = async (title: string, body: string, audience: 'public' | 'internal') => {
      const base = journey.apiUrl('/knowledge/articles');
      const created = (await (
        await editor.post(base, { data: { title, body, audience } })
      ).json()) as {
        id: number;
        version: number;
      };
      for (const step of ['submit', 'approve'])
        expect(
          (
            await editor.post(`${base}/${created.id}/${step}`, {
              data: { expectedVersion: created.version },
            })
          ).status(),
        ).toBe(200);
      return created.id;
    };
    const publicId = await publish(
      '犬只登记办理指南',
      '养犬人可到居住地派出所办理**犬只登记**，需带犬只免疫证明。',
      'public',
    );
    await publish(
      '犬只登记内部核查口径',
      '仅供话务员参考：犬只登记投诉先核实小区位置。',
      'internal',
    );

    const page = await journey.page({ locale: 'zh-CN' });
    await page.goto(`${journey.baseUrl()}/portal`);
    await page.getByLabel('搜索常见问题').fill('犬只登记');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/portal\/answers\?q=/);
    const results = page.getByRole('region', { name: '搜索结果' });
    await results.getByRole('link', { name: /犬只登记办理指南/ }).waitFor();
    // The demo's own public answers may match too (登记); the internal article never does.
    expect(await results.getByRole('link', { name: /内部核查口径/ }).count()).toBe(0);
    expect(await page.getByText('内部核查口径').count()).toBe(0);
    await screenshot(page, 'portal-answers.zh-CN');

    await results.getByRole('link', { name: /犬只登记办理指南/ }).click();
    await page.waitForURL(new RegExp(`/portal/answers/${publicId}$`));
    await page.getByRole('heading', { name: '犬只登记办理指南' }).waitFor();
    await page.locator('.rich strong', { hasText: '犬只登记' }).waitFor();
    await screenshot(page, 'portal-article.zh-CN');

    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('link', { name: 'File an appeal' }).waitFor();
    await screenshot(page, 'portal-article.en');
    await page.goto(`${journey.baseUrl()}/portal/answers?q=${encodeURIComponent('犬只登记')}`);
    await page.getByRole('region', { name: 'Search results' }).waitFor();
    await screenshot(page, 'portal-answers.en');
    await page.context().close();
  }, 120_000);
  it("shows the reply once the unit has replied, and takes the citizen's rating", async () => {
    // The appeal goes the whole way through the API: filed, accepted, dispatched, signed, replied.
    const ok = async (response: Promise<{ status(): number; json(): Promise<unknown> }>) => {
      const done = await response;
      expect(done.status()).toBeLessThan(300);
      return done.json();
    };
    const citizen = await journey.browser().newContext();
    const receipt = (await ok(
      citizen.request.post(journey.apiUrl('/public/appeals'), {
        data: {
          description: '楼道里的声控灯坏了，晚上上下楼看不见。',
          citizenPhone: '13900001111',
        },
      }),
    )) as { number: string; queryCode: string };
    await citizen.close();
    const [operator, dispatcher, handler] = await Promise.all(
      ['operator', 'dispatcher', 'handler'].map((username) => journey.api(username)),
    );
    const found = (await ok(operator!.get(journey.apiUrl(`/tickets?q=${receipt.number}`)))) as {
      items: { id: number; number: string }[];
    };
    const id = found.items.find((item) => item.number === receipt.number)!.id;
    await ok(operator!.post(journey.apiUrl(`/tickets/${id}/accept`), { data: {} }));
    const me = (await ok(handler!.get(journey.apiUrl('/auth/me')))) as { user: { unitId: number } };
    await ok(
      dispatcher!.post(journey.apiUrl(`/tickets/${id}/dispatch`), {
        data: { leadUnitId: me.user.unitId },
      }),
    );
    await ok(handler!.post(journey.apiUrl(`/tickets/${id}/sign`)));
    await ok(
      handler!.post(journey.apiUrl(`/tickets/${id}/reply`), {
        data: { text: '已更换楼道声控灯，请您查看。' },
      }),
    );

    const page = await journey.page({ locale: 'zh-CN' });
    await page.goto(`${journey.baseUrl()}/portal/track`);
    await page.getByLabel('工单编号').fill(receipt.number);
    await page.getByLabel('查询码').fill(receipt.queryCode);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const progress = page.getByRole('region', { name: `工单 ${receipt.number}` });
    await progress.getByText('已更换楼道声控灯，请您查看。').waitFor();
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
    await page.getByLabel('意见和建议（选填）').fill('处理得很快，谢谢。');
    await screenshot(page, 'portal-evaluate.zh-CN');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    await progress.locator('.portal-status').getByText('已办结').waitFor();
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await screenshot(page, 'portal-evaluated.zh-CN');
    await page.context().close();
  }, 120_000);
});
