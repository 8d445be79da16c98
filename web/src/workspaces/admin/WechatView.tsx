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
  kind: 'push' | 'photo';
  ticketId: number;
  ticketNumber: string | null;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  doneAt: string | null;
}

const MODES = ['safe', 'compatible', 'plain'] as const;
/** Format hints for the settings whose format the console dictates. */
const HINTS: Record<string, MessageKey> = {
  token: 'wx.hint.token',
  encodingAESKey: 'wx.hint.encodingAESKey',
  appSecret: 'wx.hint.appSecret',
};

/**
 * The WeChat official account: the server URL to give the WeChat console, the same token, key
 * and mode here (secrets write-only: only whether one is set shows), and what the outbox sent.
 */
export function WechatView() {
  const { t } = useI18n();
  const channels = useChannelViews();
  const [saved, setSaved] = useState(false);
  const view = channels.data?.items.find((c) => c.channel === 'wechat');
  const serverUrl = `${window.location.origin}/api/v1/channels/wechat`;
  return (
    <div className="msg-admin">
      <LoadState state={channels} />
      {view ? (
        <ChannelSettingsForm
          // Rebuilt from the saved values after each save.
          key={savedVersion(view)}
          channel="wechat"
          title={t('wx.title')}
          intro={
            <>
              <p className="muted">{t('wx.intro')}</p>
              <p>
                <code>{t('wx.serverUrl', { url: serverUrl })}</code>
              </p>
            </>
          }
          settings={view.settings}
          savedText={t('wx.saved')}
          saved={saved}
          onSaved={() => {
            setSaved(true);
            channels.reload();
          }}
          label={(key) => {
            const messageKey = `wx.setting.${key}`;
            const text = t(messageKey as MessageKey);
            return text === messageKey ? key : text;
          }}
          hint={(key) => (HINTS[key] ? t(HINTS[key]) : null)}
          choices={{
            mode: {
              values: MODES,
              label: (mode) => t(`wx.mode.${mode}` as MessageKey),
              fallback: 'safe',
            },
          }}
        />
      ) : null}
      {view ? (
        <OutboxPanel
          id="wx-outbox"
          title={t('wx.outbox.title')}
          note={t('wx.outbox.window')}
          leadHeaders={[t('msg.outbox.kind')]}
          load={async (filter, signal) =>
            (
              await api<{ items: OutboxItem[] }>(
                'GET',
                `/admin/channels/wechat/outbox?status=${filter}`,
                undefined,
                { signal },
              )
            ).items
          }
          row={(item): OutboxRow => ({
            ...item,
            lead: [t(`wx.kind.${item.kind}`)],
            status: t(`wx.status.${item.state}` as MessageKey),
            unsettled: item.state === 'pending',
            nextAttemptAt: item.state === 'pending' ? item.nextAttemptAt : null,
          })}
        />
      ) : null}
      {!view && channels.data ? <p className="muted">{t('msg.outbox.none')}</p> : null}
    </div>
  );
}
