// Times as Open311 writes them: ISO 8601 with the zone (the centre's offset, "+08:00"), and
// times clients send, with or without a zone. Pure: no "now".
import { fromLocalTime, toLocalTime } from '../../platform/time-zone.js';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** '2026-03-02T09:00:00+08:00': a stored instant in the centre's time zone, with its offset. */
export function formatInstant(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  instant.setUTCMilliseconds(0);
  const local = toLocalTime(instant, timeZone);
  const offsetMinutes = Math.round(
    (Date.parse(`${local.date}T00:00:00Z`) + local.timeOfDay - instant.getTime()) / 60_000,
  );
  const seconds = Math.floor(local.timeOfDay / 1000);
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  const zone =
    offsetMinutes === 0
      ? 'Z'
      : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${local.date}T${clock}${zone}`;
}

const ISO =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant from what a client wrote: "2026-03-02T09:00:00+08:00", "…Z", or without a zone
 * ("2026-03-02T09:00", "2026-03-02": the centre's wall clock). Null when it is no such time.
 */
export function parseInstant(text: string, timeZone: string): Date | null {
  const match = ISO.exec(text.trim());
  if (!match) return null;
  const [, date = '', hh = '00', mm = '00', ss = '00', fraction = '', zone] = match;
  const [h, m, s] = [Number(hh), Number(mm), Number(ss)];
  if (h > 23 || m > 59 || s > 59) return null;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) return null;
  const ms = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0;
  if (zone) {
    const offset =
      zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const instant = new Date(`${date}T${hh}:${mm}:${ss}.${String(ms).padStart(3, '0')}${offset}`);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  return fromLocalTime({ date, timeOfDay: ((h * 60 + m) * 60 + s) * 1000 + ms }, timeZone);
}
