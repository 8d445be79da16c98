import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import {
  insertSurvey,
  openSurveyOf,
  staleSurveysOf,
  updateSurvey,
  waitingSurveysOf,
} from './conversations.repository.js';
import { smsTexts } from './message-texts.js';
import { enqueueMessage, findByDedupeKey } from './outbox.repository.js';

/** The key of the SMS that carries a reply (the survey is sent after it). */
export const answerKey = (ticketId: number, seq: number, channel: string): string =>
  `answer:${ticketId}:${seq}:${channel}`;

/**
 * The SMS callback surveys of one number, asked one at a time: a number with two replied tickets
 * is asked about the second after it answered (or stopped being asked about) the first, so a "1"
 * always answers the question last sent. Everything runs in the caller's transaction.
 */
export const smsSurveys = {
  /** A reply was sent for this ticket: its survey waits its turn, and is asked if the number is free. */
  async planAfterReply(
    trx: Transaction<DB>,
    survey: { ticketId: number; phone: string; round: number },
    signature: string,
    at: string,
  ): Promise<void> {
    await insertSurvey(trx, survey, at);
    await smsSurveys.askNext(trx, survey.phone, signature, at);
  },

  /** The ticket left `replied` without an SMS answer: its survey is dropped, the next one asked. */
  async dropForTicket(
    trx: Transaction<DB>,
    ticketId: number,
    signature: string,
    at: string,
  ): Promise<void> {
    for (const phone of await staleSurveysOf(trx, ticketId))
      await smsSurveys.askNext(trx, phone, signature, at);
  },

  /** Asks the oldest waiting survey of a number whose ticket is still replied, if none is open. */
  async askNext(trx: Transaction<DB>, phone: string, signature: string, at: string): Promise<void> {
    if (await openSurveyOf(trx, phone)) return;
    for (const survey of await waitingSurveysOf(trx, phone)) {
      if (survey.ticketStatus !== 'replied') {
        await updateSurvey(trx, survey.id, ['waiting'], { state: 'stale', outcome: 'stale' });
        continue;
      }
      await updateSurvey(trx, survey.id, ['waiting'], { state: 'asked', asked_at: at });
      const reply = await findByDedupeKey(trx, answerKey(survey.ticket_id, survey.round, 'sms'));
      await enqueueMessage(
        trx,
        {
          channel: 'sms',
          kind: 'survey',
          ticketId: survey.ticket_id,
          recipient: phone,
          body: smsTexts.survey(signature, survey.number),
          dedupeKey: `survey:${survey.id}:ask`,
          afterId: reply?.id ?? null,
        },
        at,
      );
      return;
    }
  },
};
