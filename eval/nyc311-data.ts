// The NYC 311 day samples in ../shared/data/nyc311 (see its SOURCE.md): full-schema CSV exports
// of the Socrata dataset, read into the few fields an appeal carries.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NYC_DAY_FILES = [
  'nyc311_2018-10-21_day_sample.csv',
  'nyc311_2023-02-28_halfday_sample.csv',
] as const;

export interface Nyc311Request {
  key: string;
  createdAt: number;
  /** Epoch ms; null when missing or before creation (the 2023 export has such dates). */
  closedAt: number | null;
  agency: string;
  complaintType: string;
  descriptor: string;
  locationType: string;
  incidentAddress: string;
  borough: string;
  communityBoard: string;
  lat: number | null;
  lng: number | null;
}

export function missingNycFiles(dir: string): string[] {
  return NYC_DAY_FILES.filter((f) => !existsSync(path.join(dir, f)));
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** "10/21/18 0:00" or "02/28/2023 11:45:00 PM", read as UTC (only differences matter). */
export function parseNycTime(value: string): number | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?$/.exec(
    value.trim(),
  );
  if (!m) return null;
  let year = Number(m[3]);
  if (year < 100) year += 2000;
  let hour = Number(m[4]);
  if (m[7] === 'PM' && hour < 12) hour += 12;
  if (m[7] === 'AM' && hour === 12) hour = 0;
  return Date.UTC(year, Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), Number(m[6] ?? 0));
}

export function loadNycDay(file: string): Nyc311Request[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string) => {
    const i = header!.indexOf(name);
    if (i < 0) throw new Error(`${path.basename(file)}: no column ${name}`);
    return i;
  };
  const c = {
    key: col('Unique Key'),
    created: col('Created Date'),
    closed: col('Closed Date'),
    agency: col('Agency'),
    type: col('Complaint Type'),
    descriptor: col('Descriptor'),
    locationType: col('Location Type'),
    address: col('Incident Address'),
    borough: col('Borough'),
    board: col('Community Board'),
    lat: col('Latitude'),
    lng: col('Longitude'),
  };
  const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : null);
  const out: Nyc311Request[] = [];
  for (const r of rows) {
    const createdAt = parseNycTime(r[c.created] ?? '');
    if (createdAt === null) continue;
    const closed = parseNycTime(r[c.closed] ?? '');
    out.push({
      key: r[c.key]!,
      createdAt,
      closedAt: closed !== null && closed >= createdAt ? closed : null,
      agency: r[c.agency] ?? '',
      complaintType: (r[c.type] ?? '').trim(),
      descriptor: (r[c.descriptor] ?? '').trim(),
      locationType: (r[c.locationType] ?? '').trim(),
      incidentAddress: (r[c.address] ?? '').trim(),
      borough: (r[c.borough] ?? '').trim(),
      communityBoard: (r[c.board] ?? '').trim(),
      lat: num(r[c.lat]),
      lng: num(r[c.lng]),
    });
  }
  // The replay's order: creation time, then the dataset's key.
  return out.sort((a, b) => a.createdAt - b.createdAt || Number(a.key) - Number(b.key));
}
