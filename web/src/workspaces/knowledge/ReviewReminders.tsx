import { useState } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { Notice } from '../../ui/forms';
import { useLoad } from '../../ui/data';
import type { Notification } from './types';

/** Notifications about articles point at them (subjectType of the knowledge module). */
const ARTICLE_SUBJECT = 'knowledge_article';
const REVIEW_DUE_KIND = 'kb_review_due';
// The server sends the reminder as an English sentence only; its title and date are read back out
// of it so that the reminder reads in the user's language (the sentence itself is the fallback).
const REVIEW_DUE_TEXT =
  /^Knowledge article "(.*)" is due for review \(review date (\d{4}-\d{2}-\d{2})\)$/s;

/** The editor's unit's unread notifications (review reminders), each with "mark as read". */
export function ReviewReminders() {
  const t = useT();
  const format = useFormat();
  const [error, setError] = useState<string | null>(null);
  const state = useLoad(
    (signal) =>
      api<{ items: Notification[] }>('GET', '/notifications?unread=true&limit=50', undefined, {
        signal,
      }),
    [],
  );
  const items = state.data?.items ?? [];
  const textOf = (item: Notification): string => {
    const parts = item.kind === REVIEW_DUE_KIND ? REVIEW_DUE_TEXT.exec(item.message) : null;
    return parts
      ? t('kb.reminders.reviewDue', { title: parts[1]!, date: parts[2]! })
      : item.message;
  };
  if (items.length === 0 && !error) return null;

  const markRead = async (id: number) => {
    setError(null);
    try {
      await api('POST', `/notifications/${id}/read`);
      state.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  return (
    <section className="panel kb-reminders" aria-labelledby="kb-reminders-title">
      <div className="panel-head">
        <h2 id="kb-reminders-title">
          {t('kb.reminders.title')} <span className="badge badge-warn">{items.length}</span>
        </h2>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <ul className="list-plain kb-reminder-list">
        {items.map((item) => (
          <li key={item.id}>
            <div>
              {item.subjectType === ARTICLE_SUBJECT && item.subjectId ? (
                <Link to={`/knowledge/${item.subjectId}`}>{textOf(item)}</Link>
              ) : (
                textOf(item)
              )}
              <div className="muted kb-small">{format.dateTime(item.createdAt)}</div>
            </div>
            <button type="button" className="ghost" onClick={() => void markRead(item.id)}>
              {t('kb.reminders.markRead')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
