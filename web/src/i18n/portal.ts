import { defineMessages } from './define';

export const portal = defineMessages({
  'zh-CN': {},
  en: {},
});
