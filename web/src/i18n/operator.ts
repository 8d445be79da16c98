import { defineMessages } from './define';

export const operator = defineMessages({
  'zh-CN': {},
  en: {},
});
