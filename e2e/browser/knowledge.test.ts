import type { APIRequestContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshot, useJourney } from '../../src/test-support/browser.js';

interface Article {
  id: number;
  version: number;
  state: string;
  title: string;
}

// A title no demo text contains, and an appeal that asks about the same thing in other words.
const TITLE = '旧式燃气表免费更换预约办法';
const BODY =
  '居民可拨打燃气公司热线预约**免费更换**旧式燃气表。\n\n- 更换时家中须有成年人\n- 更换后请检查燃气灶';
const APPEAL = '我家的旧式燃气表坏了，想问一下怎么预约免费更换燃气表';

describe.runIf(browserAvailable)('the knowledge base in a browser', () => {
  const journey = useJourney({ context: { viewport: { width: 1366, height: 900 } } });

  /** Writes, submits and approves an article through the API, as a centre editor would. */
  const publish = async (
    editor: APIRequestContext,
    content: { title: string; body: string; audience?: string },
  ): Promise<Article> => {
    const base = journey.apiUrl('/knowledge/articles');
    const created = (await (await editor.post(base, { data: content })).json()) as Article;
    const submit = await editor.post(`${base}/${created.id}/submit`, {
      data: { expectedVersion: created.version },
    });
    expect(submit.status()).toBe(200);
    const approve = await editor.post(`${base}/${created.id}/approve`, {
      data: { expectedVersion: created.version },
    });
    expect(approve.status()).toBe(200);
    return (await approve.json()) as Article;
  };

  it('a centre editor publishes an article, an operator answers a call with it, and the report counts the use', async () => {
    const page = await journey.staff('kbeditor', '/knowledge');
    await page.getByRole('link', { name: '新建文章' }).click();
    await page.waitForURL(/\/knowledge\/new$/);
    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('正文').fill(BODY);
    const keywords = page.getByLabel('关键词');
    await keywords.fill('燃气表');
    await keywords.press('Enter');
    await keywords.fill('更换');
    await keywords.press('Enter');
    await page.getByRole('tab', { name: '预览' }).click();
    await page.locator('.kb-preview strong', { hasText: '免费更换' }).waitFor();
    await screenshot(page, 'knowledge-new.zh-CN');
    await page.getByRole('button', { name: '保存', exact: true }).click();

    await page.waitForURL(/\/knowledge\/\d+$/);
    const articleId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.locator('.kb-badges').getByText('草稿').waitFor();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.locator('.kb-badges').getByText('待审核').waitFor();
    await page.getByRole('button', { name: '批准发布' }).click();
    await page.locator('.kb-badges').getByText('已发布').waitFor();
    await page.locator('.rich strong', { hasText: '免费更换' }).waitFor();
    await screenshot(page, 'knowledge-article.zh-CN');
    await page.getByRole('tab', { name: '版本历史' }).click();
    await page.getByRole('heading', { name: '版本历史', level: 2 }).waitFor();
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    await screenshot(page, 'knowledge-versions.zh-CN');

    // The operator, in another browser, types the appeal; the article is suggested and used.
    const operator = await journey.staff('operator', '/operator');
    await operator.getByLabel('诉求内容').fill(APPEAL);
    const panel = operator.getByRole('region', { name: '知识库' });
    const hit = panel.getByRole('listitem').filter({ hasText: TITLE });
    await hit.waitFor({ timeout: 15_000 });
    const answered = operator.waitForResponse(
      (response) =>
        response.url().endsWith('/api/v1/knowledge/answers') &&
        response.request().method() === 'POST',
    );
    await hit.getByRole('button', { name: '用此答复' }).click();
    const answer = await answered;
    expect(answer.status()).toBe(201);
    const result = (await answer.json()) as { ticket: { status: string }; articleId: number };
    expect(result).toMatchObject({ ticket: { status: 'closed' }, articleId });
    await operator.context().close();

    // The usage report counts the use.
    await page.getByRole('link', { name: '返回知识库' }).click();
    await page.getByRole('table').getByRole('link', { name: TITLE }).waitFor();
    await screenshot(page, 'knowledge-list.zh-CN');
    await page.getByRole('link', { name: '统计报表' }).click();
    await page.waitForURL(/\/knowledge\/reports/);
    const usage = page.getByRole('region', { name: '引用最多的文章' });
    const row = usage.getByRole('row').filter({ hasText: TITLE });
    await expect
      .poll(() => row.getByRole('cell').last().textContent(), { timeout: 10_000 })
      .toBe('1');
    await page.getByRole('region', { name: '知识新鲜度（按单位）' }).getByRole('table').waitFor();
    await screenshot(page, 'knowledge-reports.zh-CN');
    await page.context().close();
  }, 180_000);

  it('keeps versions, shows what changed, and refuses an edit over someone else’s', async () => {
    const editor = await journey.api('kbeditor');
    const article = await publish(editor, {
      title: 'Street lights: who repairs them',
      body: 'Call the lighting office.',
    });

    const page = await journey.staff('kbeditor', `/knowledge/${article.id}`, { locale: 'en' });
    await page.getByRole('heading', { name: 'Street lights: who repairs them' }).waitFor();
    await page.getByRole('tab', { name: 'Edit' }).click();
    await page.getByLabel('Title').fill('Street lights: who repairs them, and how fast');
    await page.getByLabel('Body').fill('Call the lighting office; repairs take two days.');
    await page.getByLabel('Change note').fill('repair time added');
    await screenshot(page, 'knowledge-edit.en');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 2 (draft)').waitFor();
    await page.getByText('Version 1 is still the live one').waitFor();

    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Compare' }).click();
    const diff = page.getByRole('region', { name: 'Changes from version 1 to version 2' });
    await diff.locator('ins', { hasText: 'repairs take two days' }).waitFor();
    await diff.getByRole('row').filter({ hasText: 'Title' }).locator('del').waitFor();
    await screenshot(page, 'knowledge-versions.en');

    // Someone else saves version 3 meanwhile; this screen still holds version 2.
    await page.getByRole('tab', { name: 'Edit' }).click();
    const other = await editor.put(journey.apiUrl(`/knowledge/articles/${article.id}`), {
      data: { body: 'Changed by a colleague.', expectedVersion: 2 },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel('Body').fill('My own change.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Someone else changed this article' })
      .waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Body').inputValue()).toBe('Changed by a colleague.');
    await page.getByRole('tab', { name: 'Content' }).click();
    await page.locator('.rich', { hasText: 'Changed by a colleague.' }).waitFor();
    await screenshot(page, 'knowledge-article.en');
    await page.goto(`${journey.baseUrl()}/knowledge`);
    await page.getByRole('table').waitFor();
    await screenshot(page, 'knowledge-list.en');
    await page.goto(`${journey.baseUrl()}/knowledge/reports`);
    await page.getByRole('region', { name: 'Freshness by unit' }).getByRole('table').waitFor();
    await screenshot(page, 'knowledge-reports.en');
    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByLabel('Title').waitFor();
    await screenshot(page, 'knowledge-new.en');
    await page.context().close();
  }, 120_000);

  it('does not let a street editor change an article the centre owns', async () => {
    const centreEditor = await journey.api('kbeditor');
    const article = await publish(centreEditor, {
      title: '中心口径：噪音投诉的受理范围',
      body: '夜间施工噪音由住建部门处理。',
    });

    const admin = await journey.api('admin');
    const streets = await journey.getJson<{ items: { id: number }[] }>(
      admin,
      '/units?type=street&pageSize=1',
    );
    const streetId = streets.items[0]!.id;
    const created = await admin.post(journey.apiUrl('/users'), {
      data: {
        username: 'kb-street',
        displayName: '街道知识库编辑',
        password: 'demo12345',
        unitId: streetId,
        roles: ['kb_editor'],
      },
    });
    expect(created.status()).toBe(201);

    const page = await journey.staff('kb-street', `/knowledge/${article.id}`);
    await page.getByRole('heading', { name: '中心口径：噪音投诉的受理范围' }).waitFor();
    await page.locator('.kb-badges').getByText('已发布').waitFor();
    expect(await page.getByRole('tab', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: '版本历史' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '停用' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '批准发布' }).count()).toBe(0);
    await screenshot(page, 'knowledge-article-unit-editor.zh-CN');

    const refused = await page.request.put(journey.apiUrl(`/knowledge/articles/${article.id}`), {
      data: { title: '改掉中心的口径', expectedVersion: article.version },
    });
    expect(refused.status()).toBe(403);
    await page.context().close();
  }, 120_000);
});
