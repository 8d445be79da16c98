// The messaging module: the SMS, Weibo and e-mail channels. Inbound messages (an SMS gateway's
// webhook, Weibo's message push, an SMTP listener) become contacts and appeals through intake's
// ChannelIntakeService; answers go out through one outbox (claimed by one instance, retried),
// planned from the ticket event log when a ticket is answered; the SMS callback survey records
// the citizen's own evaluation through the callback module.
import { every, type BackgroundWork } from '../../platform/background.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { SmtpMailSender, type MailSender } from '../../platform/outbound/mail-sender.js';
import { HttpSmsSender, type SmsSender } from '../../platform/outbound/sms-sender.js';
import type { CallbackModule } from '../callback/index.js';
import type { ChannelsModule } from '../channels/index.js';
import type { IntakeModule } from '../intake/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { EmailChannelService } from './email.service.js';
import { MessagingSettings } from './messaging-settings.js';
import { messagingRoutes } from './messaging.routes.js';
import { OutboxService } from './outbox.service.js';
import { SmsChannelService } from './sms.service.js';
import { SmtpListener } from './smtp-listener.js';
import { TicketUpdateService } from './ticket-updates.service.js';
import { WeiboApiClient } from './weibo-api.js';
import { WeiboChannelService } from './weibo.service.js';

export type { DrainResult } from './outbox.service.js';
export type { InboundSms } from './sms.service.js';
export type { WeiboPush } from './weibo.service.js';
export { SmtpListener } from './smtp-listener.js';
export { enqueueMessage, type NewOutboxMessage } from './outbox.repository.js';

export interface MessagingModule {
  sms: SmsChannelService;
  weibo: WeiboChannelService;
  email: EmailChannelService;
  /** Plans answers from ticket events (the server scans every 2 s). */
  updates: TicketUpdateService;
  /** Sends what is planned (the server drains it every second). */
  outbox: OutboxService;
  /** The outbound senders, configured from the channel settings at use time. */
  senders: { sms: SmsSender; mail: MailSender; weibo: WeiboApiClient };
  routes: RouteRegistrar;
  /** The outbox, the event scan, recovery of half-handled messages and, when configured, the SMTP listener. */
  background: BackgroundWork;
}

const OUTBOX_INTERVAL_MS = 1_000;
const UPDATES_INTERVAL_MS = 2_000;
const HOUSEKEEPING_INTERVAL_MS = 60_000;

/** Builds the SMS, Weibo and e-mail channels on intake, tickets, callback and the channel settings. */
export function createMessagingModule(
  deps: ModuleDeps,
  extra: {
    intake: IntakeModule;
    tickets: TicketsModule;
    callback: CallbackModule;
    channels: ChannelsModule;
  },
): MessagingModule {
  const { database, clock, config } = deps;
  const settings = new MessagingSettings(extra.channels.settings);
  settings.register();
  const senders = {
    sms: new HttpSmsSender(() => settings.smsGateway()),
    mail: new SmtpMailSender(() => settings.smtp()),
    weibo: new WeiboApiClient(() => settings.weibo()),
  };
  const intake = extra.intake.channels;
  const sms = new SmsChannelService({
    database,
    clock,
    intake,
    callback: extra.callback.service,
    settings,
  });
  const weibo = new WeiboChannelService({ database, clock, intake, settings });
  const email = new EmailChannelService({
    database,
    clock,
    intake,
    attachments: extra.tickets.attachments,
    settings,
  });
  const updates = new TicketUpdateService(database, clock, settings);
  const outbox = new OutboxService(database, clock, senders, settings);

  const works: BackgroundWork[] = [
    every(
      'messaging ticket updates',
      UPDATES_INTERVAL_MS,
      quietly(() => updates.scan()),
    ),
    every(
      'messaging outbox',
      OUTBOX_INTERVAL_MS,
      quietly(() => outbox.drain()),
    ),
    every(
      'messaging housekeeping',
      HOUSEKEEPING_INTERVAL_MS,
      quietly(async () => {
        await sms.resumeUnfinished();
        await weibo.resumeUnfinished();
        await updates.retireOldLinks();
      }),
    ),
  ];
  if (config.smtpListenPort !== null) {
    const listener = new SmtpListener(
      { host: config.smtpListenHost, port: config.smtpListenPort, maxBytes: config.smtpMaxBytes },
      email,
    );
    works.push(listener.background());
  }
  const background: BackgroundWork = {
    async start(log) {
      const stops: Array<() => Promise<void>> = [];
      for (const work of works) stops.push(await work.start(log));
      return async () => {
        for (const stop of stops.reverse()) await stop();
      };
    },
  };

  return {
    sms,
    weibo,
    email,
    updates,
    outbox,
    senders,
    routes: messagingRoutes({ sms, weibo, outbox }),
    background,
  };
}

/**
 * A background run whose failure is logged by kind and message only: a database error's detail
 * can quote a row's values (a phone number in a unique index), which must not reach the log.
 */
function quietly(task: () => Promise<unknown>): () => Promise<unknown> {
  return () =>
    task().catch((error: unknown) => {
      const { name, message, code } = error as { name?: string; message?: string; code?: string };
      throw Object.assign(new Error(message ?? 'failed'), { name: name ?? 'Error', code });
    });
}
