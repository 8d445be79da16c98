import { defineMessages } from './define';

/** Category suggestions (智能分类) on the operator's form and in the dispatch queue. */
export const intelligence = defineMessages({
  'zh-CN': {
    'ai.suggest.label': '智能分类建议',
    'ai.suggest.take': '采用 {path}',
    'ai.suggest.taken': '已采用',
    'ai.suggest.confidence': '{value}%',
    'ai.suggest.coldStart': '按分类关键词推荐，尚无历史数据',
    'ai.suggest.model': '模型版本 {id}',
    'ai.queue.suggested': '智能建议：{name} {value}%',
    'ai.queue.agrees': '与智能建议一致（{value}%）',
  },
  en: {
    'ai.suggest.label': 'Suggested category',
    'ai.suggest.take': 'Use {path}',
    'ai.suggest.taken': 'In use',
    'ai.suggest.confidence': '{value}%',
    'ai.suggest.coldStart': "From the categories' keywords: no history yet",
    'ai.suggest.model': 'Model version {id}',
    'ai.queue.suggested': 'Suggested: {name} {value}%',
    'ai.queue.agrees': 'Matches the suggestion ({value}%)',
  },
});
