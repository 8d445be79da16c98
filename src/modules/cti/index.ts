// The phone switch module (CTI): adapters for Asterisk (ARI events over WebSocket) and
// FreeSWITCH (the event socket) turn the switch's events into call records; a call ringing at
// an operator's extension pops the caller's history on that operator's screen; the call records
// feed the phone's intake measures (answered within 15 s, connection rate, abandoned calls,
// handling time per operator).
import type { AuditLog } from '../../platform/audit.js';
import type { BackgroundWork } from '../../platform/background.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { AuthService, UserService } from '../auth/index.js';
import type { ChannelSettingsService } from '../channels/index.js';
import type { ContactService } from '../intake/index.js';
import { CallFeed } from './call-feed.js';
import { CallMeasuresService } from './call-measures.service.js';
import { CallService } from './call.service.js';
import { ctiRoutes } from './cti.routes.js';
import { ExtensionService } from './extensions.service.js';
import { CTI_CHANNEL, switchConnection } from './switch-watcher.js';

export type { CallEvent, SwitchKind } from './call-events.js';
export type { CallPop, PopState } from './call-feed.js';
export type { CallFigures, CallListItem, CallMeasures } from './call-measures.service.js';
export type { CallContext } from './call.service.js';
export type { CallRecord } from './calls.repository.js';
export type { Extension } from './extensions.service.js';
export { CTI_CHANNEL } from './switch-watcher.js';

export interface CtiModule {
  /** Records the switch's events as calls, and each answered or abandoned call's contact. */
  calls: CallService;
  /** Screen pops to the operator at the ringing extension, across app instances. */
  feed: CallFeed;
  measures: CallMeasuresService;
  /** Which operator sits at which extension (admin). */
  extensions: ExtensionService;
  routes: RouteRegistrar;
  /** The connection to the switch, following the admin's settings of channel `cti`. */
  background: BackgroundWork;
}

/**
 * Builds the phone switch module on the channel settings (where the admin configures the
 * switch), intake's contacts (a call's contact is recorded in the operator's name), and the
 * auth module (operators as actors; users to seat at extensions).
 */
export function createCtiModule(
  deps: ModuleDeps,
  extra: {
    settings: ChannelSettingsService;
    contacts: ContactService;
    auth: AuthService;
    users: UserService;
    audit: AuditLog;
  },
): CtiModule {
  const { database, clock, config } = deps;
  extra.settings.register(CTI_CHANNEL, [
    {
      key: 'kind',
      description: 'Phone switch: asterisk, freeswitch or off',
      default: 'off',
      pattern: /^(asterisk|freeswitch|off)$/,
      patternRule: 'asterisk, freeswitch or off',
    },
    {
      key: 'ari_url',
      description: 'Asterisk: ARI base URL, e.g. http://pbx.internal:8088',
      pattern: /^https?:\/\/\S+$/,
      patternRule: 'an http:// or https:// URL',
    },
    { key: 'ari_app', description: 'Asterisk: ARI application name', default: 'openhotline' },
    { key: 'ari_user', description: 'Asterisk: ARI user (ari.conf)' },
    { key: 'ari_password', description: 'Asterisk: ARI password', secret: true },
    { key: 'esl_host', description: 'FreeSWITCH: event socket host' },
    {
      key: 'esl_port',
      description: 'FreeSWITCH: event socket port',
      default: '8021',
      pattern: /^[0-9]{1,5}$/,
      patternRule: 'a port number',
    },
    { key: 'esl_password', description: 'FreeSWITCH: event socket password', secret: true },
    {
      key: 'numbers',
      description:
        'Hotline numbers or queues whose calls count, comma-separated (empty: every incoming call)',
    },
    {
      key: 'recording_url_template',
      description: 'Link to a call recording, with {callId}, {day} and {switch}',
      pattern: /^https?:\/\/\S+$/,
      patternRule: 'an http:// or https:// URL',
    },
  ]);
  const calls = new CallService(database, clock, config.timeZone, extra.contacts, (username) =>
    extra.auth.actorOfUsername(username),
  );
  const feed = new CallFeed(database, clock);
  const measures = new CallMeasuresService(database, clock, config.timeZone);
  const extensions = new ExtensionService(database, clock, extra.audit, extra.users);
  return {
    calls,
    feed,
    measures,
    extensions,
    routes: ctiRoutes({ feed, measures, extensions }),
    background: switchConnection(extra.settings, calls),
  };
}
