import { defineMessages } from './define';

export const knowledge = defineMessages({
  'zh-CN': {},
  en: {},
});
