import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.js';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  finalStage,
  highestStage,
  reminderKey,
  stagesReached,
  watchState,
} from './supervision-rules.js';

const START = '2026-03-02T01:00:00.000Z';
const DUE = '2026-03-02T03:00:00.000Z'; // a 2 h limit
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000);

describe('watchState', () => {
  it.each([
    [0, 0.75, 'ok'],
    [89, 0.75, 'ok'],
    [90, 0.75, 'near'],
    [119, 0.75, 'near'],
    [120, 0.75, 'overdue'],
    [60, 0.5, 'near'],
    [59, 0.5, 'ok'],
    [600, 0.75, 'overdue'],
  ] as const)('after %i min of 120 with share %d: %s', (minutes, share, state) => {
    expect(watchState(START, DUE, at(minutes), share)).toBe(state);
  });
});

describe('stagesReached (defaults: near 75 %, district after 24 h, centre 24 h later)', () => {
  it.each([
    [80, []],
    [90, ['near']],
    [120, ['overdue']],
    [120 + 24 * 60 - 1, ['overdue']],
    [120 + 24 * 60, ['overdue', 'district']],
    [120 + 48 * 60, ['overdue', 'district', 'centre']],
  ] as const)('after %i min: %j', (minutes, stages) => {
    expect(stagesReached({ startAt: START, dueAt: DUE }, at(minutes), DEFAULT_SETTINGS)).toEqual(
      stages,
    );
  });

  it('leaves out what the admin switched off', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      remindOnNear: false,
      remindOnOverdue: false,
      escalateDistrictAfterHours: null,
      escalateCentreAfterHours: 6,
    };
    const deadline = { startAt: START, dueAt: DUE };
    expect(stagesReached(deadline, at(100), settings)).toEqual([]);
    expect(stagesReached(deadline, at(121), settings)).toEqual([]);
    expect(stagesReached(deadline, at(120 + 6 * 60), settings)).toEqual(['centre']);
    expect(finalStage(settings)).toBe('centre');
    expect(finalStage({ ...settings, escalateCentreAfterHours: null })).toBeNull();
  });
});

describe('reminder keys', () => {
  it('are one per stage, unit and deadline, whatever the time text', () => {
    const subject = { kind: 'sign' as const, ticketId: 7, unitId: 3, dueAt: DUE };
    expect(reminderKey('near', subject)).toBe(
      reminderKey('near', { ...subject, dueAt: '2026-03-02T11:00:00+08:00' }),
    );
    expect(reminderKey('near', subject)).not.toBe(reminderKey('overdue', subject));
    expect(reminderKey('near', subject)).not.toBe(reminderKey('near', { ...subject, unitId: 4 }));
    expect(reminderKey('near', subject)).not.toBe(
      reminderKey('near', { ...subject, dueAt: '2026-03-02T04:00:00.000Z' }),
    );
    expect(reminderKey('overdue', { kind: 'order', orderId: 7, dueAt: DUE })).not.toBe(
      reminderKey('overdue', subject),
    );
    expect(highestStage(['near', 'manual', 'district', 'overdue'])).toBe('district');
    expect(highestStage(['manual'])).toBeNull();
  });
});

describe('the admin’s rules', () => {
  it('accept a sensible change and refuse a share or threshold out of range', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { nearShare: 0.8 }).nearShare).toBe(0.8);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { nearShare: 0.2 })).toThrow(ValidationError);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { nearShare: 1 })).toThrow(ValidationError);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { escalateDistrictAfterHours: -1 })).toThrow(
      ValidationError,
    );
    expect(
      applySettingsPatch(DEFAULT_SETTINGS, { escalateDistrictAfterHours: null })
        .escalateDistrictAfterHours,
    ).toBeNull();
  });
});
