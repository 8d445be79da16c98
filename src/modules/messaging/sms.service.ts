import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  UnauthorizedError,
  ValidationError,
} from '../../platform/errors.js';
import type { CallbackService, Satisfaction } from '../callback/index.js';
import type { ChannelIntakeService, ChannelMessage } from '../intake/index.js';
import { getTicketRow } from '../tickets/index.js';
import {
  findSurvey,
  insertLink,
  latestSurveyOf,
  openSurveyOf,
  ticketsOfAddress,
  updateSurvey,
  type InboundRow,
} from './conversations.repository.js';
import { Inbox, openTicketAmong, type InboxResult } from './inbox.js';
import { KeyedQueue, normalisePhoneNumber } from './inbound-support.js';
import { clip, smsTexts } from './message-texts.js';
import type { MessagingSettings } from './messaging-settings.js';
import { enqueueMessage } from './outbox.repository.js';
import {
  evaluationOf,
  parseSurveyAnswer,
  type SurveyAnswer,
  type SurveyState,
} from './sms-survey-rules.js';
import { smsSurveys } from './sms-surveys.js';
import { verifySmsSignature } from './webhook-signature.js';

/** One text message from the gateway's webhook. */
export interface InboundSms {
  /** The gateway's id of the message: a second delivery of it changes nothing. */
  messageId: string;
  /** The citizen's number. */
  from: string;
  text: string;
  /** When the gateway received it (ISO 8601); default now. */
  receivedAt?: string;
}

export interface SmsChannelDeps {
  database: Database;
  clock: Clock;
  intake: ChannelIntakeService;
  callback: CallbackService;
  settings: MessagingSettings;
}

const DESCRIPTION_CHARS = 5000;
const SUMMARY_CHARS = 2000;

/**
 * The SMS channel (短信): a first text from a number files an appeal and gets the ticket number
 * and query code back; later texts while that ticket is open are contacts on it; the answer to
 * a callback survey (1/2/3, then 1/2 after a 3) is the citizen's own evaluation, through the
 * callback module's rules.
 */
export class SmsChannelService {
  private readonly inbox: Inbox;
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: SmsChannelDeps) {
    this.inbox = new Inbox(deps.database, deps.clock, 'sms');
  }

  /** Throws unless the webhook call carries a fresh, correct signature of its body. */
  async authenticate(
    headers: { timestamp?: string; signature?: string },
    rawBody: Buffer,
  ): Promise<void> {
    const { inboundSecret } = await this.deps.settings.sms();
    if (!inboundSecret)
      throw new ForbiddenError('The SMS channel is not configured', 'CHANNEL_NOT_CONFIGURED');
    if (!verifySmsSignature(inboundSecret, headers, rawBody, this.deps.clock.now()))
      throw new UnauthorizedError(
        'The signature of this call is wrong or too old',
        'SIGNATURE_INVALID',
      );
  }

  /** Takes one inbound SMS (idempotent on its message id); durable when it resolves. */
  async receive(input: InboundSms): Promise<InboxResult> {
    const from = normalisePhoneNumber(input.from);
    if (!from) throw new ValidationError('from', 'from must be a phone number');
    const messageId = input.messageId.trim();
    if (!messageId || messageId.length > 200)
      throw new ValidationError('messageId', 'messageId must be 1 to 200 characters');
    const sms: InboundSms = { ...input, from, messageId };
    return this.queue.run(from, () => this.handle(sms));
  }

  /** Finishes messages a crash left half done (the server runs it every minute). */
  async resumeUnfinished(): Promise<number> {
    const rows = await this.inbox.unfinished();
    for (const row of rows) {
      const sms = JSON.parse(row.payload!) as InboundSms;
      await this.queue.run(sms.from, () => this.handle(sms));
    }
    return rows.length;
  }

  private handle(sms: InboundSms): Promise<InboxResult> {
    return this.inbox.handle(
      { externalId: sms.messageId, sender: sms.from, payload: JSON.stringify(sms) },
      async (trx) => {
        const survey = await openSurveyOf(trx, sms.from);
        const answer = survey ? parseSurveyAnswer(sms.text, survey.state as SurveyState) : null;
        if (survey && answer) {
          await updateSurvey(trx, survey.id, [survey.state as SurveyState], {
            state: 'answering',
            answer,
            answer_external_id: sms.messageId,
          });
          return { decision: 'survey', ticketId: survey.ticket_id, surveyId: survey.id };
        }
        const open = openTicketAmong(await ticketsOfAddress(trx, 'sms', sms.from));
        if (open !== null) return { decision: 'contact', ticketId: open };
        // A "1" after the survey closed (answered, or the desk called first) is no new appeal.
        const latest = await latestSurveyOf(trx, sms.from);
        if (latest && parseSurveyAnswer(sms.text, 'asked'))
          return { decision: 'late_answer', ticketId: latest.ticket_id };
        return { decision: sms.text.trim() ? 'appeal' : 'message' };
      },
      (inbound) => this.carryOut(inbound, sms),
    );
  }

  private async carryOut(inbound: InboundRow, sms: InboundSms): Promise<void> {
    const { intake } = this.deps;
    switch (inbound.decision) {
      case 'appeal':
        return this.fileAppeal(sms);
      case 'survey':
        return this.answerSurvey(inbound, sms);
      case 'late_answer':
        return this.answerLate(inbound.ticket_id!, sms);
      case 'contact':
        await intake.recordMessageOnTicket(this.message(sms), inbound.ticket_id!);
        break;
      default:
        await intake.recordMessage(this.message(sms));
    }
    await this.inbox.finishAlone(sms.messageId);
  }

  private message(sms: InboundSms): ChannelMessage {
    return {
      channel: 'sms',
      externalId: sms.messageId,
      sender: sms.from,
      receivedAt: sms.receivedAt,
      summary: clip(sms.text, SUMMARY_CHARS) || null,
    };
  }

  private async fileAppeal(sms: InboundSms): Promise<void> {
    const receipt = await this.deps.intake.fileAppeal({
      ...this.message(sms),
      description: clip(sms.text, DESCRIPTION_CHARS),
    });
    const { signature } = await this.deps.settings.sms();
    const at = this.deps.clock.now().toISOString();
    await this.deps.database.write(async (trx) => {
      await insertLink(
        trx,
        { ticketId: receipt.ticketId, channel: 'sms', address: sms.from, kind: 'sms' },
        at,
      );
      // A redelivery after a crash has no code to send (only its hash is kept): the number only.
      await enqueueMessage(
        trx,
        {
          channel: 'sms',
          kind: 'receipt',
          ticketId: receipt.ticketId,
          recipient: sms.from,
          body: smsTexts.receipt(signature, receipt.number, receipt.queryCode !== null),
          secret: receipt.queryCode,
          dedupeKey: `receipt:${receipt.ticketId}:sms`,
        },
        at,
      );
      await this.inbox.finish(trx, sms.messageId, receipt.ticketId);
    });
  }

  /** An answer to a survey no longer open: a contact (on the ticket if it is open again), and why. */
  private async answerLate(ticketId: number, sms: InboundSms): Promise<void> {
    const { database, intake, clock, settings } = this.deps;
    await intake.recordMessageOnTicket(this.message(sms), ticketId);
    const { signature } = await settings.sms();
    const { number } = await getTicketRow(database.db, ticketId);
    const at = clock.now().toISOString();
    await database.write(async (trx) => {
      await enqueueMessage(
        trx,
        {
          channel: 'sms',
          kind: 'survey_thanks',
          ticketId,
          recipient: sms.from,
          body: smsTexts.alreadyEvaluated(signature, number),
          dedupeKey: `late:${sms.messageId}`,
        },
        at,
      );
      await this.inbox.finish(trx, sms.messageId);
    });
  }

  private async answerSurvey(inbound: InboundRow, sms: InboundSms): Promise<void> {
    const { database, intake, callback, clock, settings } = this.deps;
    const ticketId = inbound.ticket_id!;
    await intake.recordMessageOnTicket(this.message(sms), ticketId);
    const survey = await findSurvey(database.db, inbound.survey_id!);
    if (survey?.state !== 'answering' || survey.answer_external_id !== sms.messageId)
      return this.inbox.finishAlone(sms.messageId);
    const { signature } = await settings.sms();
    const { number } = await getTicketRow(database.db, ticketId);
    const evaluation = evaluationOf(
      survey.answer as SurveyAnswer,
      survey.satisfaction as Satisfaction | null,
    );
    if (evaluation === 'ask_resolution') {
      const at = clock.now().toISOString();
      await database.write(async (trx) => {
        await updateSurvey(trx, survey.id, ['answering'], {
          state: 'asked_resolution',
          satisfaction: 'dissatisfied',
          answer: null,
          answer_external_id: null,
        });
        await enqueueMessage(
          trx,
          {
            channel: 'sms',
            kind: 'survey_question',
            ticketId,
            recipient: sms.from,
            body: smsTexts.resolutionQuestion(signature, number),
            dedupeKey: `survey:${survey.id}:resolution`,
          },
          at,
        );
        await this.inbox.finish(trx, sms.messageId);
      });
      return;
    }
    let outcome: 'closed' | 'reopened' | 'stale';
    try {
      const after = await callback.recordCitizenEvaluation(ticketId, evaluation);
      outcome = after.status === 'closed' ? 'closed' : 'reopened';
    } catch (error) {
      // The callback desk (or a reopen) got there first: the answer is recorded as a contact only.
      if (!(error instanceof ConflictError)) throw error;
      outcome = 'stale';
    }
    const at = clock.now().toISOString();
    await database.write(async (trx) => {
      await updateSurvey(trx, survey.id, ['answering'], {
        state: outcome === 'stale' ? 'stale' : 'answered',
        outcome,
        satisfaction: evaluation.satisfaction,
        resolved: evaluation.resolved ? 1 : 0,
        answered_at: at,
      });
      await enqueueMessage(
        trx,
        {
          channel: 'sms',
          kind: 'survey_thanks',
          ticketId,
          recipient: sms.from,
          body:
            outcome === 'stale'
              ? smsTexts.alreadyEvaluated(signature, number)
              : smsTexts.thanks(signature, number, outcome === 'reopened'),
          dedupeKey: `survey:${survey.id}:thanks`,
        },
        at,
      );
      await smsSurveys.askNext(trx, sms.from, signature, at);
      await this.inbox.finish(trx, sms.messageId);
    });
  }
}
