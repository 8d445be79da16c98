// The WeChat official account adapter (微信公众号): the server message protocol in plain,
// compatible and safe modes, a conversation that files appeals through intake and answers
// "查询", and customer-service messages when a ticket filed over WeChat moves on.
import { every, type BackgroundWork } from '../../platform/background.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { ChannelsModule } from '../channels/index.js';
import type { IntakeModule } from '../intake/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { WechatConversationService } from './conversation.service.js';
import { WechatApi } from './wechat-api.js';
import { WechatOutboxService } from './wechat-outbox.service.js';
import { WechatServerService } from './wechat-server.service.js';
import {
  toWechatSettings,
  WECHAT_CHANNEL,
  WECHAT_SETTINGS,
  type WechatSettings,
} from './wechat-settings.js';
import { wechatRoutes } from './wechat.routes.js';

export { WechatCipher, wechatSignature } from './wechat-crypto.js';
export { WECHAT_CHANNEL, type WechatSettings } from './wechat-settings.js';
export type { OutboxRun } from './wechat-outbox.service.js';

export interface WechatModule {
  /** The protocol: URL check and messages. */
  server: WechatServerService;
  conversations: WechatConversationService;
  /** Customer-service messages and photo downloads, after the answer. */
  outbox: WechatOutboxService;
  api: WechatApi;
  routes: RouteRegistrar;
  /** Runs the outbox every two seconds on every instance (changes and items are claimed). */
  background: BackgroundWork;
}

/** How often the outbox looks for changed tickets and due messages. */
const OUTBOX_INTERVAL_MS = 2_000;

export function createWechatModule(
  deps: ModuleDeps,
  extra: { intake: IntakeModule; tickets: TicketsModule; channels: ChannelsModule },
): WechatModule {
  const { database, clock, config } = deps;
  extra.channels.settings.register(WECHAT_CHANNEL, WECHAT_SETTINGS);
  const settings = async (): Promise<WechatSettings> =>
    toWechatSettings(await extra.channels.settings.values(WECHAT_CHANNEL));
  const conversations = new WechatConversationService(
    database,
    clock,
    extra.intake.channels,
    config.timeZone,
  );
  const server = new WechatServerService(clock, settings, conversations);
  const api = new WechatApi(database, clock, settings);
  const outbox = new WechatOutboxService(database, clock, api, extra.tickets.attachments, settings);
  const background = every('wechat outbox', OUTBOX_INTERVAL_MS, () => outbox.runOnce());
  return { server, conversations, outbox, api, routes: wechatRoutes(server, outbox), background };
}
