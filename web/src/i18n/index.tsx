import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { admin } from './admin';
import { analysis } from './analysis';
import { callback } from './callback';
import { common } from './common';
import { cti } from './cti';
import { LOCALES, type Locale } from './define';
import { errors } from './errors';
import { intelligence } from './intelligence';
import { knowledge } from './knowledge';
import { messaging } from './messaging';
import { open311 } from './open311';
import { operator } from './operator';
import { portal } from './portal';
import { handling } from './handling';
import { supervision } from './supervision';
import { supervisionDashboard } from './supervision-dashboard';
import { staffNotices } from './staffNotices';
import { tickets } from './tickets';
import { wechat } from './wechat';
import { replyQuality } from './reply-quality';
import { place } from './place';
import { routing } from './routing';
import { duplicates } from './duplicates';

export { LOCALES, type Locale };

// Each feature keeps its messages in its own file; one dictionary per language is merged here.
const catalogs = [
  analysis,
  common,
  cti,
  errors,
  operator,
  knowledge,
  portal,
  tickets,
  handling,
  callback,
  admin,
  open311,
  messaging,
  supervision,
  supervisionDashboard,
  staffNotices,
  intelligence,
  routing,
  wechat,
  replyQuality,
  place,
  duplicates,
] as const;
type Catalog = (typeof catalogs)[number];
type KeysOf<C> = C extends { 'zh-CN': infer Z } ? keyof Z & string : never;
export type MessageKey = KeysOf<Catalog>;

const dictionaries: Record<Locale, Record<string, string>> = {
  'zh-CN': Object.assign({}, ...catalogs.map((c) => c['zh-CN'])) as Record<string, string>,
  en: Object.assign({}, ...catalogs.map((c) => c.en)) as Record<string, string>,
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(
  locale: Locale,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  const text = dictionaries[locale][key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The language the page is shown in now (kept on <html lang> by the provider). */
export function currentLocale(): Locale {
  const lang = document.documentElement.lang;
  return (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : 'zh-CN';
}

const RULES = new Set([
  'required',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'enum',
  'type',
  'format',
  'pattern',
  'additionalProperties',
]);

/** A broken rule (minLength, enum…) said in the user's language; an unknown one as "not valid". */
export function ruleMessage(locale: Locale, broken: { rule: string; limit?: number }): string {
  // An empty text where one character is the least is simply a missing answer.
  const rule =
    broken.rule === 'minLength' && broken.limit === 1
      ? 'required'
      : RULES.has(broken.rule)
        ? broken.rule
        : 'invalid';
  return translate(locale, `rule.${rule}` as MessageKey, { limit: broken.limit ?? '' });
}

/**
 * A refusal of the server in the user's language: the broken rule, else the error's code, else
 * (in English) the server's own message, else what its HTTP status means.
 */
export function errorMessage(
  locale: Locale,
  error: { status: number; code: string; rule?: { rule: string; limit?: number } },
  serverMessage: string,
): string {
  if (error.rule) return ruleMessage(locale, error.rule);
  const byCode = dictionaries[locale][`err.${error.code}`];
  if (byCode) return byCode;
  if (locale === 'en' && serverMessage) return serverMessage;
  const status = error.status >= 500 ? 500 : error.status;
  return dictionaries[locale][`err.status.${status}`] ?? translate(locale, 'err.status.400');
}

const STORAGE_KEY = 'openhotline.locale';

function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const first = initialLocale();
    document.documentElement.lang = first;
    return first;
  });
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, values) => translate(locale, key, values) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The translate function of the current language. */
export const useT = (): Translate => useI18n().t;
