export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A feature's messages in both languages. The Chinese text is the source; the English must have
 * exactly the same keys (the compiler checks). Placeholders are {name}.
 */
export function defineMessages<T extends Record<string, string>>(messages: {
  'zh-CN': T;
  en: { [K in keyof T]: string };
}) {
  return messages;
}
