// The SMS callback survey (短信回访): after the reply the citizen is asked "满意回复1，基本满意回复2，
// 不满意回复3". A 1 or 2 needs nothing more; a 3 is followed by one question, "已解决回复1，未解决
// 回复2", because dissatisfied is not unresolved, and only an unresolved appeal goes back to its unit.

import type { Satisfaction } from '../callback/index.js';

/** Where a survey stands: waiting its turn, asked, or asked the follow-up question. */
export const SURVEY_STATES = [
  'waiting',
  'asked',
  'asked_resolution',
  'answering',
  'answered',
  'stale',
] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

/** The states in which a number has a question open (at most one survey per number). */
export const OPEN_SURVEY_STATES: readonly SurveyState[] = [
  'asked',
  'asked_resolution',
  'answering',
];

export type SurveyAnswer = Satisfaction | 'resolved' | 'unresolved';

const SATISFACTION_WORDS: Record<string, Satisfaction> = {
  '1': 'satisfied',
  满意: 'satisfied',
  '2': 'basically_satisfied',
  基本满意: 'basically_satisfied',
  '3': 'dissatisfied',
  不满意: 'dissatisfied',
};

const RESOLUTION_WORDS: Record<string, 'resolved' | 'unresolved'> = {
  '1': 'resolved',
  已解决: 'resolved',
  解决: 'resolved',
  是: 'resolved',
  '2': 'unresolved',
  未解决: 'unresolved',
  没解决: 'unresolved',
  没有解决: 'unresolved',
  否: 'unresolved',
};

/**
 * The answer a text gives to the question asked, or null when it is no answer (any other text is
 * a message about the appeal). Full-width digits, spaces and closing punctuation are forgiven.
 */
export function parseSurveyAnswer(text: string, state: SurveyState): SurveyAnswer | null {
  const word = text
    .normalize('NFKC')
    .replace(/[\s.。!！~～]+/gu, '')
    .trim();
  if (state === 'asked') return SATISFACTION_WORDS[word] ?? null;
  if (state === 'asked_resolution') return RESOLUTION_WORDS[word] ?? null;
  return null;
}

/**
 * The callback's three answers from an SMS survey. `contacted` is true: the survey is asked only
 * after the unit's reply was handed to the SMS gateway for this number, so the unit's answer
 * reached the citizen (响应). `resolved` is true for satisfied and basically satisfied (a citizen
 * content with the outcome counts the matter settled) and, after a 3, what the follow-up says.
 */
export function evaluationOf(
  answer: SurveyAnswer,
  earlier: Satisfaction | null,
): { contacted: boolean; resolved: boolean; satisfaction: Satisfaction } | 'ask_resolution' {
  switch (answer) {
    case 'satisfied':
    case 'basically_satisfied':
      return { contacted: true, resolved: true, satisfaction: answer };
    case 'dissatisfied':
      return 'ask_resolution';
    case 'resolved':
    case 'unresolved':
      return {
        contacted: true,
        resolved: answer === 'resolved',
        satisfaction: earlier ?? 'dissatisfied',
      };
  }
}
