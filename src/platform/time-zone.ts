// Wall-clock dates and times in a time zone (the centre's TIME_ZONE), with Intl only. Pure: no
// I/O, no "now".

/** A wall-clock date and time. */
export interface LocalTime {
  date: string;
  /** Milliseconds since local midnight. */
  timeOfDay: number;
}

// Building an Intl.DateTimeFormat costs far more than using one: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock date and time of an instant in `timeZone`. */
export function toLocalTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const hms = (Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    timeOfDay: hms * 1000 + instant.getUTCMilliseconds(),
  };
}

/** The instant at which the wall clock in `timeZone` shows `local`. */
export function fromLocalTime(local: LocalTime, timeZone: string): Date {
  const asUtc = Date.parse(`${local.date}T00:00:00Z`) + local.timeOfDay;
  const offsetAt = (instant: number): number => {
    const seen = toLocalTime(new Date(instant), timeZone);
    return Date.parse(`${seen.date}T00:00:00Z`) + seen.timeOfDay - instant;
  };
  // Twice, so that a guess on the other side of a daylight-saving change settles.
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first));
}

/** The calendar date ('YYYY-MM-DD') of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return toLocalTime(instant, timeZone).date;
}
