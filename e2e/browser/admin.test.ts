import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface Paged<T> {
  items: T[];
  total: number;
}
interface User {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: string[];
}
interface Unit {
  id: number;
  name: string;
}
interface Category {
  id: number;
  name: string;
  parentId: number | null;
  keywords: string[];
}

describe.runIf(browserAvailable)('the administrator in a browser', () => {
  const journey = useJourney();

  it('creates a user with a role at a unit, who can then log in', async () => {
    const page = await journey.staff('admin', '/admin?tab=users');
    await page.getByRole('tab', { name: '用户与角色', selected: true }).waitFor();
    await page.getByRole('table').waitFor();
    await screenshot(page, 'admin-users.zh-CN');
    const units = await journey.getJson<Paged<Unit>>(
      page,
      `/units?q=${encodeURIComponent('南城街道')}`,
    );
    const nancheng = units.items.find((unit) => unit.name === '南城街道')!;

    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.getByRole('region', { name: '新建用户' });
    await form.getByLabel('用户名').fill('Zhang.Wei');
    await form.getByLabel('姓名').fill('张伟');
    await form.getByLabel('初始密码').fill('demo12345');
    await form.getByLabel('所属单位').selectOption(String(nancheng.id));
    await form.getByRole('group', { name: /角色/ }).getByLabel('承办人').check();
    await form.getByRole('button', { name: '创建用户' }).click();
    await page.getByText('已创建用户 zhang.wei。').waitFor();
    const found = await journey.getJson<Paged<User>>(page, '/users?q=zhang.wei');
    expect(found.items).toMatchObject([
      { username: 'zhang.wei', displayName: '张伟', unitId: nancheng.id, roles: ['handler'] },
    ]);

    const theirs = await journey.staff('zhang.wei', '/');
    await theirs.waitForURL(/\/handling$/);
    await theirs.getByText('张伟').waitFor();
    await theirs.context().close();
    await page.context().close();
  }, 120_000);

  it('shows a taken username next to the username field and creates nothing', async () => {
    const page = await journey.staff('admin', '/admin?tab=users');
    const before = await journey.getJson<Paged<User>>(page, '/users?pageSize=1');
    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.getByRole('region', { name: '新建用户' });
    const username = form.getByLabel('用户名');
    await username.fill('handler');
    await form.getByLabel('姓名').fill('重复的人');
    await form.getByLabel('初始密码').fill('demo12345');
    await form.getByLabel('所属单位').selectOption({ index: 1 });
    await form.getByRole('group', { name: /角色/ }).getByLabel('话务员').check();
    await form.getByRole('button', { name: '创建用户' }).click();
    await expect.poll(() => username.getAttribute('aria-invalid')).toBe('true');
    // The message is the field's own description (aria-describedby), right under it.
    const [errorId] = ((await username.getAttribute('aria-describedby')) ?? '').split(' ');
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('用户名 handler 已被使用');
    const after = await journey.getJson<Paged<User>>(page, '/users?pageSize=1');
    expect(after.total).toBe(before.total);
    expect(
      (await journey.getJson<Paged<User>>(page, `/users?q=${encodeURIComponent('重复的人')}`))
        .total,
    ).toBe(0);
    await page.context().close();
  }, 120_000);

  it('adds a category under 市政设施', async () => {
    const page = await journey.staff('admin', '/admin?tab=categories');
    const tree = page.getByRole('group', { name: '诉求分类' });
    await tree.getByRole('button', { name: '展开 城乡建设' }).click();
    await tree.getByRole('button', { name: /^市政设施/ }).click();
    await page.getByRole('heading', { name: '市政设施' }).waitFor();
    await page.getByRole('button', { name: '新增下级分类' }).click();
    const form = page.getByRole('region', { name: '在“城乡建设 › 市政设施”下新增分类' });
    await form.getByRole('textbox', { name: /^名称/ }).fill('共享单车乱停放');
    await form.getByLabel('英文名称').fill('Badly parked shared bikes');
    await form.getByLabel('关键词').fill('共享单车、乱停');
    await form.getByRole('button', { name: '新增分类' }).click();
    await page.getByText('已新增分类“共享单车乱停放”。').waitFor();
    await tree.getByRole('button', { name: /^共享单车乱停放/ }).waitFor();
    const { items } = await journey.getJson<{ items: Category[] }>(page, '/categories');
    const parent = items.find((category) => category.name === '市政设施')!;
    expect(items.find((category) => category.name === '共享单车乱停放')).toMatchObject({
      parentId: parent.id,
      keywords: ['共享单车', '乱停'],
    });
    await screenshot(page, 'admin-categories.zh-CN');
    await page.context().close();
  }, 120_000);

  it('marks a date as a holiday in the calendar and shows it', async () => {
    const page = await journey.staff('admin', '/admin?tab=calendar');
    const { year } = await journey.getJson<{ year: number }>(page, '/calendar');
    const date = `${year}-12-15`;
    const day = page.getByRole('button', { name: new RegExp(`^${date} `) });
    await day.click();
    const editor = page.getByRole('region', { name: `修改 ${date}` });
    await editor
      .getByRole('group', { name: '这一天是' })
      .getByRole('radio', { name: '节假日' })
      .check();
    await editor.getByLabel('名称').fill('测试假日');
    await editor.getByRole('button', { name: '保存' }).click();
    await page.getByText(`${date} 已保存。`).waitFor();
    await expect.poll(() => day.getAttribute('aria-label')).toMatch(/节假日 测试假日$/);
    const { days } = await journey.getJson<{
      days: Array<{ date: string; kind: string; name: string }>;
    }>(page, `/calendar?year=${year}`);
    expect(days).toContainEqual({ date, kind: 'holiday', name: '测试假日' });
    await screenshot(page, 'admin-calendar.zh-CN');
    await page.context().close();
  }, 120_000);

  it('shows every admin view in both languages', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const page = await journey.staff('admin', '/admin?tab=units', { locale });
      const zh = locale === 'zh-CN';
      await page.getByRole('button', { name: zh ? /^江阳区/ : /^Jiangyang District/ }).click();
      await page.getByRole('textbox', { name: zh ? '别名' : 'Aliases', exact: true }).waitFor();
      await screenshot(page, `admin-units.${locale}`);
      await page.getByRole('tab', { name: zh ? '派单目录' : 'Dispatch catalogue' }).click();
      await page.getByRole('table').first().waitFor();
      const explain = page.getByRole('region', {
        name: zh ? '派单建议查询' : 'Explain a dispatch suggestion',
      });
      await explain.getByRole('combobox').first().selectOption({ index: 3 });
      await explain.getByRole('combobox').nth(1).selectOption({ index: 1 });
      await explain.getByRole('button', { name: zh ? '查询' : 'Explain' }).click();
      await explain.getByRole('status').waitFor();
      await screenshot(page, `admin-catalogue.${locale}`);
      if (!zh) {
        await page.getByRole('tab', { name: 'Users and roles' }).click();
        await page.getByRole('table').waitFor();
        await page.getByRole('button', { name: 'handler', exact: true }).click();
        await page.getByRole('heading', { name: 'Reset the password' }).waitFor();
        await screenshot(page, 'admin-users.en');
        await page.getByRole('tab', { name: 'Categories' }).click();
        await page.getByRole('button', { name: 'Expand Urban and rural construction' }).click();
        await page.getByRole('button', { name: /^Municipal facilities/ }).click();
        await page.getByRole('textbox', { name: 'Keywords', exact: true }).waitFor();
        await screenshot(page, 'admin-categories.en');
        await page.getByRole('tab', { name: 'Holidays' }).click();
        await page.getByRole('button', { name: /-10-01 / }).click();
        await page.getByRole('heading', { name: /^Change / }).waitFor();
        await screenshot(page, 'admin-calendar.en');
      }
      await page.context().close();
    }
  }, 120_000);
});
