import { useCallback } from 'react';
import { api, ApiError } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useServerErrors } from '../../ui/forms';

/** One problem of a refused CSV import, by row and column. */
export interface CsvProblem {
  row: number;
  field: string;
  message: string;
}

/** A refused import: the server's message and every problem it found. */
export class ImportError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    field: string | undefined,
    readonly problems: CsvProblem[],
  ) {
    super(status, code, message, field);
  }
}

/**
 * Reads an uploaded text file: UTF-8 (with or without BOM), or GB 18030, which is what Excel
 * saves a "CSV" as on a Chinese Windows.
 */
export async function readTextFile(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** POSTs a CSV file's text (text/csv) and returns the JSON answer; a refusal lists its rows. */
export async function postCsv<T>(path: string, csv: string): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', accept: 'application/json' },
    body: csv,
    credentials: 'same-origin',
  });
  if (response.ok) return (await response.json()) as T;
  // The session may have ended: let the app's usual check take the user to the login.
  if (response.status === 401) await api('GET', '/auth/me').catch(() => undefined);
  let error: { code?: string; message?: string; field?: string; errors?: CsvProblem[] } = {};
  try {
    error = ((await response.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: the status says enough
  }
  throw new ImportError(
    response.status,
    error.code ?? `HTTP_${response.status}`,
    error.message ?? response.statusText,
    error.field,
    error.errors ?? [],
  );
}

/**
 * Conflicts the server reports without naming a field (a taken username or code), and the form
 * field each belongs to, so that the message still shows next to it.
 */
const CONFLICT_FIELDS: Record<string, string> = {
  USERNAME_TAKEN: 'username',
  UNIT_CODE_TAKEN: 'code',
  CATEGORY_NAME_TAKEN: 'name',
  CATEGORY_CODE_TAKEN: 'code',
  CATEGORY_PARENT_INACTIVE: 'parentId',
  PARENT_INACTIVE: 'active',
  SELF_LOCKOUT: 'roles',
};

/** Server codes with a message in both languages (the server's own text is English). */
const LOCALISED: Record<string, MessageKey> = {
  USERNAME_TAKEN: 'adm.error.USERNAME_TAKEN',
  UNIT_CODE_TAKEN: 'adm.error.UNIT_CODE_TAKEN',
  CATEGORY_NAME_TAKEN: 'adm.error.CATEGORY_NAME_TAKEN',
  PASSWORD_TOO_SHORT: 'adm.error.PASSWORD_TOO_SHORT',
  SELF_LOCKOUT: 'adm.error.SELF_LOCKOUT',
};

/**
 * useServerErrors for the admin forms: the server's refusal next to its field, also for the
 * conflicts that name none, in the screen's language where the code is known.
 */
export function useAdminErrors(values: Record<string, string> = {}) {
  const t = useT();
  const errors = useServerErrors();
  const { capture: captureRaw } = errors;
  const valuesKey = JSON.stringify(values);
  const capture = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || error instanceof ImportError) return captureRaw(error);
      const key = LOCALISED[error.code];
      const message = key ? t(key, JSON.parse(valuesKey) as Record<string, string>) : error.message;
      captureRaw(
        new ApiError(error.status, error.code, message, error.field ?? CONFLICT_FIELDS[error.code]),
      );
    },
    [captureRaw, t, valuesKey],
  );
  return { ...errors, capture };
}

/** A name in the screen's language (the English one when there is one). */
export const localName = (node: { name: string; nameEn: string | null }, locale: string) =>
  locale === 'en' && node.nameEn ? node.nameEn : node.name;

/** Splits a list typed one per line or separated by commas (also the Chinese ，、；). */
export const splitList = (text: string): string[] =>
  text
    .split(/[\n,，、;；]+/)
    .map((item) => item.trim())
    .filter(Boolean);
