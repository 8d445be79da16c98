import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

describe.runIf(browserAvailable)('the staff app in a browser', () => {
  const journey = useJourney({ context: { timezoneId: 'America/New_York' } });

  it('shows the login in the browser language and refuses a wrong password by name', async () => {
    const page = await journey.page({ locale: 'zh-CN' });
    await page.goto(`${journey.baseUrl()}/operator`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await screenshot(page, 'login.zh-CN');
    await page.getByLabel('用户名').fill('operator');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('用户名或密码不正确');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.context().close();
  });

  it('takes each role to its workspace after login, and back to the login after logout', async () => {
    const page = await journey.staff('kbeditor', '/', { locale: 'en' });
    await page.waitForURL(/\/knowledge$/);
    const nav = page.getByRole('navigation').getByRole('link', { name: 'Knowledge base' });
    expect(await nav.getAttribute('aria-current')).toBe('page');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.context().close();
  });

  it('serves the app for deep links and keeps unknown API paths as JSON errors', async () => {
    const page = await journey.page({ locale: 'en' });
    const response = await page.goto(`${journey.baseUrl()}/knowledge/12345`);
    expect(response?.headers()['content-type']).toContain('text/html');
    const api = await page.request.get(journey.apiUrl('/no-such-route'));
    expect(api.status()).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
    await page.context().close();
  });
});
