import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface Service {
  service_code: string;
  service_name: string;
  metadata: boolean;
}
interface Definition {
  attributes: Array<{ code: string; datatype: string; required: boolean; values: unknown[] }>;
}

describe.runIf(browserAvailable)('the administrator sets up Open311 in a browser', () => {
  const journey = useJourney();

  it('issues a key shown once that an app then uses, and gives a service its questions', async () => {
    const page = await journey.staff('admin', '/admin?tab=open311');
    await page.getByRole('tab', { name: 'Open311 接口', selected: true }).waitFor();
    const keys = page.getByRole('region', { name: 'API 密钥' });

    await keys.getByRole('button', { name: '签发密钥' }).click();
    await keys.getByLabel('名称（哪个应用或单位使用）').fill('市民通 App 𠮷');
    await keys.getByLabel('每分钟请求上限').fill('120');
    await keys.getByRole('button', { name: '签发', exact: true }).click();
    const secret = keys.getByTestId('o311-new-key');
    await secret.waitFor();
    const apiKey = (await secret.textContent())!.trim();
    expect(apiKey).toMatch(/^o311_/);
    await keys.getByRole('cell', { name: '市民通 App 𠮷' }).waitFor();
    await screenshot(page, 'admin-open311.zh-CN');
    await keys.getByRole('button', { name: '我已保存，关闭' }).click();
    await secret.waitFor({ state: 'detached' });

    // The app files a request with the key, as a form.
    const endpoint = `${journey.baseUrl()}/api/v1/open311/v2`;
    const services = (await (
      await page.request.get(`${endpoint}/services.json`)
    ).json()) as Service[];
    const service = services[0]!;
    const filed = await page.request.post(`${endpoint}/requests.json`, {
      form: {
        api_key: apiKey,
        service_code: service.service_code,
        address_string: '江阳区大山坪路 12 号',
        description: '路灯三天不亮了 😀',
      },
    });
    expect(filed.status(), await filed.text()).toBe(200);
    await page.reload();
    await expect
      .poll(async () =>
        (
          await page.getByRole('region', { name: 'API 密钥' }).getByRole('row').allTextContents()
        ).join('|'),
      )
      .not.toContain('从未使用');

    // The service gets a required question; a code used twice is refused next to its field.
    const questions = page.getByRole('region', { name: '服务与附加问题' });
    await questions.getByRole('button', { name: '添加问题' }).click();
    await questions.getByRole('button', { name: '添加问题' }).click();
    const first = questions.getByRole('group', { name: '第 1 个问题' });
    const second = questions.getByRole('group', { name: '第 2 个问题' });
    await first.getByLabel('代码').fill('POLE');
    await first.getByLabel('问题').fill('灯杆编号');
    await first.getByLabel('必答').check();
    await second.getByLabel('代码').fill('POLE');
    await second.getByLabel('问题').fill('问题类型');
    await second.getByLabel('类型').selectOption('multivaluelist');
    await second.getByLabel('选项').fill('dark=不亮\nflicker=闪烁');
    await questions.getByRole('button', { name: '保存附加问题' }).click();
    const secondCode = second.getByLabel('代码');
    await expect.poll(() => secondCode.getAttribute('aria-invalid')).toBe('true');
    await second.getByLabel('代码').fill('KIND');
    await questions.getByRole('button', { name: '保存附加问题' }).click();
    await questions.getByText(/已保存“.+”的附加问题。/).waitFor();
    const definition = (await (
      await page.request.get(`${endpoint}/services/${service.service_code}.json`)
    ).json()) as Definition;
    expect(definition.attributes).toMatchObject([
      { code: 'POLE', datatype: 'string', required: true, values: [] },
      { code: 'KIND', datatype: 'multivaluelist', required: false, values: [{}, {}] },
    ]);
    await page.context().close();

    const english = await journey.staff('admin', '/admin?tab=open311', { locale: 'en' });
    await english.getByRole('tab', { name: 'Open311 API', selected: true }).waitFor();
    await english.getByRole('cell', { name: '市民通 App 𠮷' }).waitFor();
    await english.getByRole('group', { name: 'Question 2' }).waitFor();
    await screenshot(english, 'admin-open311.en');
    await english.context().close();
  }, 180_000);
});
