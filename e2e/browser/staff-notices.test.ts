import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  loginAs,
  screenshot,
  useJourney,
} from '../../src/test-support/browser.js';

interface Paged<T> {
  items: T[];
}
interface User {
  id: number;
  username: string;
}
interface Contact {
  email: string | null;
  mobile: string | null;
}
interface NoticeSettings extends Contact {
  language: string;
  topics: Array<{ topic: string; email: boolean; sms: boolean }>;
}

describe.runIf(browserAvailable)('staff notice contacts and settings in a browser', () => {
  const journey = useJourney();
  /** Logged in at `path`; a loaded machine may take long to start the app, so waits are generous. */
  const staff = async (username: string, path: string): Promise<Page> => {
    const page = await journey.page({ locale: 'zh-CN' });
    page.setDefaultTimeout(90_000);
    await loginAs(page, journey.baseUrl(), username, path);
    return page;
  };

  it('an admin records a handler’s work e-mail and mobile, refusing a bad number by its field', async () => {
    const page = await staff('admin', '/admin?tab=users');
    await page.getByRole('search').getByLabel('用户名或姓名').fill('handler');
    await page.getByRole('search').getByRole('button', { name: '搜索' }).click();
    await page.getByRole('button', { name: 'handler', exact: true }).click();
    const form = page.getByRole('form', { name: '通知联系方式' });
    const mobile = form.getByLabel('手机号');
    await form.getByLabel('工作邮箱').fill('handler@nancheng.example.gov.cn');
    await mobile.fill('12800000000');
    await form.getByRole('button', { name: '保存联系方式' }).click();
    await expect.poll(() => mobile.getAttribute('aria-invalid'), { timeout: 60_000 }).toBe('true');
    const [errorId] = ((await mobile.getAttribute('aria-describedby')) ?? '').split(' ');
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('格式不正确');

    await mobile.fill('138 0000 0001');
    await form.getByRole('button', { name: '保存联系方式' }).click();
    await form.getByText('联系方式已保存。').waitFor();
    // The server keeps the number in one form, and the form shows it.
    await expect.poll(() => mobile.inputValue(), { timeout: 60_000 }).toBe('13800000001');
    await screenshot(page, 'admin-staff-contact.zh-CN');
    const handler = (await journey.getJson<Paged<User>>(page, '/users?q=handler')).items.find(
      (user) => user.username === 'handler',
    )!;
    expect(await journey.getJson<Contact>(page, `/users/${handler.id}/contact`)).toMatchObject({
      email: 'handler@nancheng.example.gov.cn',
      mobile: '13800000001',
    });
    await page.context().close();

    // The handler sees their contact in their notice settings and turns off texts on overdue.
    const theirs = await staff('handler', '/handling');
    await theirs.getByRole('button', { name: /^通知/ }).click();
    await theirs.getByRole('button', { name: '通知设置' }).click();
    const dialog = theirs.getByRole('dialog', { name: '通知设置' });
    await dialog.getByText('邮箱：handler@nancheng.example.gov.cn；手机：13800000001').waitFor();
    const overdueSms = dialog.getByRole('checkbox', { name: '超期提醒 · 短信' });
    expect(await overdueSms.isChecked()).toBe(true);
    await overdueSms.uncheck();
    await dialog.getByLabel('邮件和短信的语言').selectOption('en');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('通知设置已保存。').waitFor();
    await screenshot(theirs, 'notice-settings.zh-CN');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const settings = await journey.getJson<NoticeSettings>(theirs, '/notice-settings');
    expect(settings.language).toBe('en');
    expect(settings.topics.find((t) => t.topic === 'overdue')).toEqual({
      topic: 'overdue',
      email: true,
      sms: false,
    });
    // Another user may not read the handler's contact.
    await journey.getJson(theirs, `/users/${handler.id + 100000}/contact`, 403);
    await theirs.context().close();
  }, 400_000);
});
