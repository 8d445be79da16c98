import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from './api';
import { useI18n } from './i18n';

interface Settings {
  /** The centre's time zone: every time on screen is shown in it, whatever the browser's. */
  timeZone: string;
}

const DEFAULTS: Settings = { timeZone: 'Asia/Shanghai' };
const SettingsContext = createContext<Settings>(DEFAULTS);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>(DEFAULTS);
  useEffect(() => {
    api<Settings>('GET', '/public/settings')
      .then(setSettings)
      .catch(() => undefined);
  }, []);
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}

export const useSettings = (): Settings => useContext(SettingsContext);

/** Formats times in the centre's time zone and the current language. */
export function useFormat() {
  const { timeZone } = useSettings();
  const { locale } = useI18n();
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return {
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : ''),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : ''),
    /** Today as YYYY-MM-DD in the centre's time zone. */
    today: () => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date()),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    percent: (value: number) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value),
  };
}
