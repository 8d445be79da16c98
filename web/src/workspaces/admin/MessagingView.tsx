import { useState } from 'react';
import { api } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { LoadState } from '../../ui/data';
import {
  ChannelSettingsForm,
  OutboxPanel,
  savedVersion,
  useChannelViews,
  type OutboxRow,
} from './ChannelSettings';

interface OutboxItem {
  id: number;
  channel: string;
  kind: string;
  ticketId: number | null;
  ticketNumber: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
}

// staff_notices: where the links in staff notices by e-mail and SMS point.
const CHANNELS = ['sms', 'weibo', 'email', 'staff_notices'] as const;
type Channel = (typeof CHANNELS)[number];

/** Settings with a few allowed values, offered as a choice ('' keeps the default). */
const CHOICES = { smtp_security: { values: ['starttls', 'tls', 'none'] } };

/**
 * The SMS, Weibo and e-mail channels: where their webhooks are, their gateways' endpoints, keys
 * and secrets (write-only: a secret shows only whether it is set), and what was sent or failed.
 */
export function MessagingView() {
  const { t } = useI18n();
  const channels = useChannelViews();
  const origin = window.location.origin;
  // Which channel was just saved: its form is rebuilt from the saved values, the notice stays.
  const [saved, setSaved] = useState<Channel | null>(null);
  return (
    <div className="msg-admin">
      <p className="muted">{t('msg.intro')}</p>
      <LoadState state={channels} />
      {CHANNELS.map((channel) => {
        const view = channels.data?.items.find((c) => c.channel === channel);
        if (!view) return null;
        const name = t(`msg.channel.${channel}`);
        const inbound =
          channel === 'email' || channel === 'staff_notices'
            ? t(`msg.inbound.${channel}`)
            : t(`msg.inbound.${channel}`, {
                url:
                  channel === 'sms'
                    ? `${origin}/api/v1/channels/sms/inbound`
                    : `${origin}/api/v1/channels/weibo/webhook`,
              });
        return (
          <ChannelSettingsForm
            key={`${channel}:${savedVersion(view)}`}
            channel={channel}
            title={name}
            intro={<p className="muted">{inbound}</p>}
            settings={view.settings}
            savedText={t('msg.saved', { channel: name })}
            saved={saved === channel}
            onSaved={() => {
              setSaved(channel);
              channels.reload();
            }}
            label={(key) => {
              const labelKey = `msg.setting.${channel}.${key}`;
              const label = t(labelKey as MessageKey);
              return label === labelKey ? key : label;
            }}
            choices={CHOICES}
          />
        );
      })}
      <OutboxPanel
        id="msg-outbox"
        title={t('msg.outbox.title')}
        leadHeaders={[t('msg.outbox.channel'), t('msg.outbox.kind')]}
        load={async (filter, signal) =>
          (
            await api<{ items: OutboxItem[] }>(
              'GET',
              `/admin/channels/outbox${filter === 'unsent' ? '?status=unsent' : ''}`,
              undefined,
              { signal },
            )
          ).items
        }
        row={(item): OutboxRow => ({
          ...item,
          lead: [
            t(`msg.channel.${item.channel}` as MessageKey),
            item.kind.startsWith('staff_')
              ? t('msg.kind.staff')
              : t(`msg.kind.${item.kind}` as MessageKey),
          ],
          status: t(`msg.status.${item.status}` as MessageKey),
          unsettled: item.status === 'pending' || item.status === 'sending',
          nextAttemptAt: item.status === 'pending' ? item.nextAttemptAt : null,
        })}
      />
    </div>
  );
}
