import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api } from '../api';
import { useT, type MessageKey } from '../i18n';
import { Link } from '../router';
import { useFormat } from '../settings';
import { NoticeSettingsDialog } from './NoticeSettings';

/** A notification as GET /notifications returns it. */
interface Notification {
  id: number;
  kind: string;
  message: string;
  subjectType: string | null;
  subjectId: number | null;
  createdAt: string;
  readAt: string | null;
}

/** Kinds with words of their own (ntf.kind.<kind>); others show their message alone. */
const KNOWN_KINDS = new Set([
  'sv_near',
  'sv_overdue',
  'sv_escalation',
  'sv_reminder',
  'sv_order_issued',
  'sv_order_replied',
  'sv_order_sent_back',
  'sv_order_closed',
  'sv_evaluation_requested',
  'sv_evaluation_decided',
  'kb_review_due',
]);

const URGENT_KINDS = new Set(['sv_overdue', 'sv_escalation', 'sv_order_issued']);
const SHOWN = 30;

/** Where a notification leads: its ticket or its knowledge article. */
function linkOf(item: Notification): string | null {
  if (item.subjectId === null) return null;
  if (item.subjectType === 'ticket') return `/tickets/${item.subjectId}`;
  if (item.subjectType === 'knowledge_article') return `/knowledge/${item.subjectId}`;
  return null;
}

/**
 * Listens for the user's new notifications (server push over its own EventSource, from any app
 * instance) and calls `onArrival`; after a reconnection too, since some may have been missed.
 */
function useNotificationArrivals(onArrival: () => void): void {
  const callback = useRef(onArrival);
  useEffect(() => {
    callback.current = onArrival;
  });
  useEffect(() => {
    const source = new EventSource('/api/v1/notifications/events');
    let opened = false;
    source.addEventListener('ready', () => {
      if (opened) callback.current();
      opened = true;
    });
    source.addEventListener('notification', () => callback.current());
    return () => source.close();
  }, []);
}

/**
 * The bell in the top bar: how many unread notifications the user has (reminders, escalations,
 * supervision orders, decisions, review dates), updated live; opens a list where each leads to
 * its ticket and can be marked as read.
 */
export function NotificationBell() {
  const t = useT();
  const format = useFormat();
  const [items, setItems] = useState<Notification[]>([]);
  const [open, setOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const load = useCallback(() => {
    api<{ items: Notification[] }>('GET', `/notifications?unread=true&limit=${SHOWN + 1}`)
      .then((result) => {
        setItems(result.items);
        setError(null);
      })
      .catch((failure: unknown) =>
        setError(failure instanceof Error ? failure.message : String(failure)),
      );
  }, []);
  useEffect(load, [load]);
  useNotificationArrivals(load);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !root.current?.contains(event.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const markRead = async (id: number) => {
    setItems((current) => current.filter((item) => item.id !== id));
    await api('POST', `/notifications/${id}/read`).catch(() => undefined);
    load();
  };
  const markAll = async () => {
    setItems([]);
    await api('POST', '/notifications/read-all').catch(() => undefined);
    load();
  };
  const count = items.length;
  const shownCount = count > SHOWN ? `${SHOWN}+` : String(count);
  const label = (item: Notification) =>
    KNOWN_KINDS.has(item.kind) ? t(`ntf.kind.${item.kind}` as MessageKey) : null;

  return (
    <div className="ntf" ref={root}>
      <button
        type="button"
        className="ghost ntf-bell"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('ntf.bell', { count: shownCount })}
        onClick={() => setOpen(!open)}
      >
        <svg
          className="ntf-icon"
          viewBox="0 0 24 24"
          width="20"
          height="20"
          aria-hidden="true"
          focusable="false"
        >
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            fill="currentColor"
          />
        </svg>
        {count > 0 ? (
          <span className="ntf-count" aria-hidden="true">
            {shownCount}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="ntf-panel" id={panelId} role="region" aria-label={t('ntf.title')}>
          <div className="ntf-head">
            <strong>{t('ntf.title')}</strong>
            <button
              type="button"
              className="link"
              onClick={() => {
                setOpen(false);
                setSettingsOpen(true);
              }}
            >
              {t('sn.settings.open')}
            </button>
            {count > 0 ? (
              <button type="button" className="link" onClick={() => void markAll()}>
                {t('ntf.markAll')}
              </button>
            ) : null}
          </div>
          {error ? <p className="notice notice-error">{error}</p> : null}
          {count === 0 ? <p className="muted ntf-empty">{t('ntf.empty')}</p> : null}
          <ul className="list-plain ntf-list">
            {items.slice(0, SHOWN).map((item) => {
              const to = linkOf(item);
              const words = label(item);
              const text = (
                <>
                  {words ? (
                    <span
                      className={
                        URGENT_KINDS.has(item.kind) ? 'badge badge-danger' : 'badge badge-warn'
                      }
                    >
                      {words}
                    </span>
                  ) : null}{' '}
                  {item.message}
                </>
              );
              return (
                <li key={item.id} className="ntf-item">
                  <div className="ntf-text">
                    {to ? (
                      <Link
                        to={to}
                        onClick={() => {
                          setOpen(false);
                          void markRead(item.id);
                        }}
                      >
                        {text}
                      </Link>
                    ) : (
                      text
                    )}
                    <div className="muted ntf-time">{format.dateTime(item.createdAt)}</div>
                  </div>
                  <button
                    type="button"
                    className="ghost ntf-read"
                    aria-label={t('ntf.markRead', { message: item.message })}
                    onClick={() => void markRead(item.id)}
                  >
                    ✓
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {settingsOpen ? <NoticeSettingsDialog onClose={closeSettings} /> : null}
    </div>
  );
}
