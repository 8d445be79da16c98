// Supervision notices by e-mail and SMS (part of the supervision module): staff users' work
// contacts, each user's choice of notices, and the NoticeSender that plans the messages in the
// messaging outbox (sent after commit, retried) beside the in-app notification.
import type { AuditLog } from '../../../platform/audit.js';
import type { RouteRegistrar } from '../../../platform/http/routes.js';
import type { ModuleDeps } from '../../../platform/module.js';
import type { ChannelsModule } from '../../channels/index.js';
import type { NoticeSender } from '../notices.js';
import { StaffContactsService } from './staff-contacts.service.js';
import { STAFF_NOTICE_SETTINGS, StaffNoticeSender } from './staff-notice-sender.js';
import { staffNoticeRoutes } from './staff-notices.routes.js';

export type { NoticeSettings, StaffContactsService } from './staff-contacts.service.js';
export type { StaffContact } from './staff-contacts.repository.js';
export {
  DEFAULT_CHOICES as DEFAULT_NOTICE_CHOICES,
  NOTICE_TOPICS,
  type NoticeTopic,
} from './staff-notice-rules.js';

export interface StaffNoticesModule {
  contacts: StaffContactsService;
  /** For the supervision module's `senders`: e-mail and SMS to the staff a notice concerns. */
  sender: NoticeSender;
  routes: RouteRegistrar;
}

/**
 * Builds staff notice delivery. The messaging module must exist (its outbox sends the messages,
 * through the SMTP server and SMS gateway of the channel settings).
 */
export function createStaffNoticesModule(
  deps: ModuleDeps,
  extra: { audit: AuditLog; channels: ChannelsModule },
): StaffNoticesModule {
  extra.channels.settings.register(STAFF_NOTICE_SETTINGS, [
    {
      key: 'workspace_url',
      description:
        "Staff notices by e-mail and SMS: the staff workspace's address, for links to tickets",
      pattern: /^https?:\/\/\S+$/,
      patternRule: 'an http:// or https:// URL',
    },
  ]);
  const contacts = new StaffContactsService(deps.database, deps.clock, extra.audit);
  return {
    contacts,
    sender: new StaffNoticeSender(deps.clock, extra.channels.settings),
    routes: staffNoticeRoutes(contacts),
  };
}
