import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.js';
import { DEFAULT_TIME_LIMITS } from './sla-deadline.js';
import { categoryChain, checkLimit, limitsFor, ruleKey } from './time-limit-rules.js';

// 1 城乡建设 › 2 市政设施 › 3 路灯; 4 环境保护 beside it.
const parents = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 2],
  [4, null],
]);

describe('time limits per category and urgency', () => {
  const rules = new Map([
    [ruleKey(1, 'normal', 'feedback'), { unit: 'working_days' as const, amount: 10 }],
    [ruleKey(2, 'normal', 'sign_for'), { unit: 'hours' as const, amount: 1 }],
    [ruleKey(3, 'normal', 'feedback'), { unit: 'working_days' as const, amount: 3 }],
    [ruleKey(3, 'urgent', 'callback'), { unit: 'hours' as const, amount: 4 }],
  ]);

  it.each([
    // category, urgency, sign-for, feedback, callback
    [3, 'normal', '1 hours', '3 working_days', '1 working_days'],
    [2, 'normal', '1 hours', '10 working_days', '1 working_days'],
    [1, 'normal', '2 hours', '10 working_days', '1 working_days'],
    [4, 'normal', '2 hours', '7 working_days', '1 working_days'],
    [null, 'normal', '2 hours', '7 working_days', '1 working_days'],
    [3, 'urgent', '2 hours', '24 hours', '4 hours'],
    [3, 'emergency', '30 minutes', '2 hours', '1 working_days'],
  ] as const)(
    'category %s, %s: sign %s, reply %s, callback %s',
    (category, urgency, sign, reply, back) => {
      const limits = limitsFor(categoryChain(category, parents), urgency, rules);
      const text = (limit: { unit: string; amount: number }) => `${limit.amount} ${limit.unit}`;
      expect(text(limits.signFor[urgency])).toBe(sign);
      expect(text(limits.feedback[urgency])).toBe(reply);
      expect(text(limits.callback)).toBe(back);
    },
  );

  it('is the defaults without any rule, and survives a loop in the tree', () => {
    expect(limitsFor([3, 2, 1], 'normal', new Map())).toEqual(DEFAULT_TIME_LIMITS);
    expect(
      categoryChain(
        5,
        new Map([
          [5, 6],
          [6, 5],
        ]),
      ),
    ).toEqual([5, 6]);
  });

  it('refuses an amount that is not whole or out of its unit’s range', () => {
    expect(checkLimit({ unit: 'hours', amount: 4 }, 'limit')).toEqual({ unit: 'hours', amount: 4 });
    expect(() => checkLimit({ unit: 'hours', amount: 0 }, 'limit')).toThrow(ValidationError);
    expect(() => checkLimit({ unit: 'working_days', amount: 1.5 }, 'limit')).toThrow(
      ValidationError,
    );
    expect(() => checkLimit({ unit: 'working_days', amount: 500 }, 'limit')).toThrow(
      ValidationError,
    );
  });
});
