import { useT } from '../../i18n';
import type { TicketStatus } from './types';

const TONE: Record<TicketStatus, string> = {
  received: 'badge-brand',
  pending_dispatch: 'badge-warn',
  dispatched: 'badge-warn',
  in_progress: 'badge-warn',
  return_review: 'badge-danger',
  replied: 'badge-ok',
  closed: 'badge-ok',
  merged: '',
};

/** A ticket's status as a coloured badge: open ones amber, finished ones green. */
export function StatusBadge({ status }: { status: TicketStatus }) {
  const t = useT();
  return <span className={`badge ${TONE[status]}`}>{t(`status.${status}`)}</span>;
}
