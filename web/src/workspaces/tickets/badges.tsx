import { useEffect, useState } from 'react';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useFormat } from '../../settings';

const STATUS_TONE: Record<string, string> = {
  received: 'badge',
  pending_dispatch: 'badge badge-brand',
  dispatched: 'badge badge-brand',
  in_progress: 'badge',
  return_review: 'badge badge-warn',
  replied: 'badge badge-ok',
  closed: 'badge badge-ok',
  merged: 'badge',
};

/** A ticket's status (待派单, 办理中 …) as a coloured badge. */
export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return (
    <span className={STATUS_TONE[status] ?? 'badge'}>{t(`status.${status}` as MessageKey)}</span>
  );
}

/** A ticket's urgency; a normal one is shown plainly, urgent and emergency in warning colours. */
export function UrgencyBadge({ urgency }: { urgency: string }) {
  const t = useT();
  const tone =
    urgency === 'emergency'
      ? 'badge badge-danger'
      : urgency === 'urgent'
        ? 'badge badge-warn'
        : 'badge';
  return <span className={tone}>{t(`urgency.${urgency}` as MessageKey)}</span>;
}

/** "2 天 3 小时" / "2 d 3 h": the larger two units of a duration. */
export function formatDuration(ms: number, t: Translate): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return t('tk.duration.dh', { d: days, h: hours });
  if (hours > 0) return t('tk.duration.hm', { h: hours, m: minutes % 60 });
  return t('tk.duration.m', { m: minutes });
}

/** The current time, refreshed every minute so time-left badges count down on screen. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** Which colour a deadline deserves: overdue, near (≥ 75 % of the time used) or fine. */
export function deadlineTone(
  due: string,
  start: string | null | undefined,
  now: number,
): 'overdue' | 'near' | 'ok' {
  const dueAt = Date.parse(due);
  if (now >= dueAt) return 'overdue';
  if (start) {
    const startAt = Date.parse(start);
    if (dueAt > startAt && (now - startAt) / (dueAt - startAt) >= 0.75) return 'near';
  }
  return 'ok';
}

/**
 * Time left until a deadline ("剩余 2 天 3 小时") or past it ("超期 5 小时"): red when overdue,
 * amber when 75 % of the time from `start` is used. The exact due time is in the tooltip.
 */
export function DeadlineBadge({
  due,
  start,
  done,
}: {
  due: string | null | undefined;
  start?: string | null | undefined;
  /** When the deadline was met (signed, replied): shown as met instead of counting. */
  done?: string | null | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const now = useNow();
  if (!due) return <span className="muted">{t('tk.deadline.none')}</span>;
  if (done) {
    const late = Date.parse(done) - Date.parse(due);
    return (
      <span
        className={late > 0 ? 'badge badge-danger' : 'badge badge-ok'}
        title={format.dateTime(done)}
      >
        {late > 0
          ? t('tk.deadline.metLate', { time: formatDuration(late, t) })
          : t('tk.deadline.met')}
      </span>
    );
  }
  const tone = deadlineTone(due, start, now);
  const left = Date.parse(due) - now;
  const text =
    tone === 'overdue'
      ? t('tk.deadline.overdue', { time: formatDuration(left, t) })
      : t('tk.deadline.left', { time: formatDuration(left, t) });
  const cls =
    tone === 'overdue' ? 'badge badge-danger' : tone === 'near' ? 'badge badge-warn' : 'badge';
  return (
    <span className={cls} title={format.dateTime(due)}>
      {text}
    </span>
  );
}
