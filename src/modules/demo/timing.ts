import type { Random } from './random.js';

// When simulated people act: the call centre works around the clock, handling units in office
// hours (Luzhou is UTC+8), and nobody answers instantly.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const LOCAL = 8 * HOUR;

/** A moment between `min` and `max` minutes after `from`. */
export const minutesLater = (rng: Random, from: number, min: number, max: number): number =>
  from + rng.int(min * MINUTE, max * MINUTE);

const isWeekend = (at: number): boolean => {
  const day = new Date(at + LOCAL).getUTCDay();
  return day === 0 || day === 6;
};

/** `at`, or the next office-hours moment (08:30–17:30 on a weekday) a little after it. */
export function inOfficeHours(rng: Random, at: number): number {
  const local = at + LOCAL;
  const minuteOfDay = Math.floor((local % DAY) / MINUTE);
  if (!isWeekend(at) && minuteOfDay >= 510 && minuteOfDay < 1050) return at;
  let morning = local - (local % DAY) + (minuteOfDay >= 1050 ? DAY : 0) + 510 * MINUTE - LOCAL;
  while (isWeekend(morning)) morning += DAY;
  return morning + rng.int(0, 120 * MINUTE);
}

/** About `days` working days after `at`, landing in office hours. */
export function workingDaysLater(rng: Random, at: number, days: number): number {
  let t = at;
  for (let left = days; left > 0;) {
    t += DAY;
    if (!isWeekend(t)) left--;
  }
  return inOfficeHours(rng, t + rng.int(-4 * HOUR, 4 * HOUR));
}
