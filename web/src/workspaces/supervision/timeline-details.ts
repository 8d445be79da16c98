import type { MessageKey, Translate } from '../../i18n';

/** The supervision steps on a ticket's timeline (events written by the supervision module). */
export const SUPERVISION_EVENTS = [
  'reminder',
  'escalation',
  'supervision_order_issued',
  'supervision_order_replied',
  'supervision_order_sent_back',
  'supervision_order_closed',
  'exemption_requested',
  'exemption_decided',
  'objection_requested',
  'objection_decided',
] as const;

const SUPERVISION_EVENT_SET: ReadonlySet<string> = new Set(SUPERVISION_EVENTS);

/**
 * What a supervision step's data says in words: the stage and unit chased, the deadline, the
 * order, the aspect contested and the decision. Empty for other events.
 */
export function supervisionEventParts(
  t: Translate,
  dateTime: (iso: string) => string,
  unitName: (id: number) => string,
  event: { type: string; data: Record<string, unknown> | null },
): string[] {
  if (!SUPERVISION_EVENT_SET.has(event.type)) return [];
  const data = event.data ?? {};
  const text = (key: string) => (typeof data[key] === 'string' ? data[key] : null);
  const num = (key: string) => (typeof data[key] === 'number' ? data[key] : null);
  const parts: string[] = [];
  const stage = text('stage');
  if (stage && (event.type === 'reminder' || event.type === 'escalation'))
    parts.push(t(`sv.stage.${stage}` as MessageKey));
  const unitId = num('unitId');
  const chasing = event.type === 'reminder' || event.type === 'escalation';
  if (unitId !== null)
    parts.push(chasing ? t('sv.event.unit', { unit: unitName(unitId) }) : unitName(unitId));
  const kind = text('deadlineKind');
  if (kind) parts.push(t(`sv.deadline.${kind}` as MessageKey));
  const due = text('dueAt');
  if (due) parts.push(t('sv.event.due', { at: dateTime(due) }));
  const orderId = num('orderId');
  if (orderId !== null) parts.push(t('sv.event.order', { id: orderId }));
  const aspect = text('aspect');
  if (aspect && event.type.startsWith('objection'))
    parts.push(t(`sv.aspect.${aspect}` as MessageKey));
  const decision = text('decision');
  if (decision) parts.push(t(`sv.decide.${decision}` as MessageKey));
  const requirement = event.type === 'supervision_order_issued' ? text('text') : null;
  if (requirement) parts.push(requirement);
  const notified = num('notified');
  if (event.type === 'escalation' && notified !== null)
    parts.push(t('sv.event.notified', { count: notified }));
  return parts;
}
