import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.js';
import type { ArticleContent } from './article.js';
import {
  addDays,
  assertStep,
  buildContent,
  changedFields,
  isCalendarDate,
} from './article-rules.js';

const defaults = { ownerUnitId: 7, today: '2026-03-02' };
const fieldOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
};

describe('article rules', () => {
  it('gives a new article its defaults: own unit, internal, effective today, review in 180 days', () => {
    expect(buildContent({ title: ' 标题 ', body: '\r\n正文\r\n第二行 ' }, null, defaults)).toEqual({
      title: '标题',
      body: '正文\n第二行',
      categoryIds: [],
      keywords: [],
      synonyms: [],
      ownerUnitId: 7,
      audience: 'internal',
      effectiveFrom: '2026-03-02',
      expiresOn: null,
      reviewBy: '2026-08-29',
    });
  });

  it('keeps what an update leaves out and clears what it sets to null', () => {
    const base: ArticleContent = {
      ...buildContent({ title: 't', body: 'b', expiresOn: '2026-12-31' }, null, defaults),
      keywords: ['水费'],
    };
    const next = buildContent(
      { reviewBy: null, keywords: ['水费', '水费', ' 水价 '] },
      base,
      defaults,
    );
    expect(next).toMatchObject({
      title: 't',
      expiresOn: '2026-12-31',
      reviewBy: null,
      keywords: ['水费', '水价'],
    });
    expect(changedFields(base, next).map((c) => c.field)).toEqual(['keywords', 'reviewBy']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(buildContent({ title: '𠮷'.repeat(200), body: 'b' }, null, defaults).title).toHaveLength(
      400,
    );
    expect(
      fieldOf(() => buildContent({ title: '𠮷'.repeat(201), body: 'b' }, null, defaults)),
    ).toBe('title');
  });

  it.each([
    [{ effectiveFrom: '2026-02-29' }, 'effectiveFrom'],
    [{ expiresOn: '2026-03-02' }, 'expiresOn'],
    [{ reviewBy: '2026-03-01' }, 'reviewBy'],
    [{ keywords: ['x'.repeat(41)] }, 'keywords[0]'],
    [{ synonyms: ['ok', ''] }, 'synonyms[1]'],
    [{ categoryIds: Array.from({ length: 11 }, (_, i) => i + 1) }, 'categoryIds'],
    [{ audience: 'citizens' }, 'audience'],
    [{ body: '   ' }, 'body'],
  ])('refuses %j naming %s', (input, field) => {
    expect(fieldOf(() => buildContent({ title: 't', body: 'b', ...input }, null, defaults))).toBe(
      field,
    );
  });

  it('knows real dates and counts days across months', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-3-1')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('allows each step only from its states', () => {
    expect(() => assertStep('draft', 'submit')).not.toThrow();
    expect(() => assertStep('published', 'submit')).toThrow(/cannot be submitted/);
    expect(() => assertStep('draft', 'approve')).toThrow(
      /cannot be approved; it must be in_review/,
    );
    expect(() => assertStep('retired', 'retire')).toThrow();
  });
});
