import { useState, type ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useFormat } from '../../settings';
import { DeadlineBadge } from './badges';
import { useNames } from './reference';
import type { TicketView } from './types';

/** A labelled value in a definition list; nothing when the value is empty. */
function Item({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The appeal itself: what, where, how it came in. */
export function AppealSection({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  return (
    <section className="panel" aria-labelledby="tk-appeal">
      <h2 id="tk-appeal">{t('tk.section.appeal')}</h2>
      <p className="tk-description">{ticket.description}</p>
      <dl className="tk-fields">
        <Item label={t('tk.field.appealType')}>
          {t(`appealType.${ticket.appealType}` as MessageKey)}
        </Item>
        <Item label={t('tk.field.categoryId')}>
          {names.category(ticket.categoryId) || t('tk.none')}
        </Item>
        <Item label={t('tk.field.channel')}>{t(`channel.${ticket.channel}` as MessageKey)}</Item>
        <Item label={t('tk.field.urgency')}>{t(`urgency.${ticket.urgency}` as MessageKey)}</Item>
        <Item label={t('tk.field.districtId')}>
          {[names.unit(ticket.districtId), names.unit(ticket.streetId)].filter(Boolean).join(' › ')}
        </Item>
        <Item label={t('tk.field.address')}>{ticket.address}</Item>
        <Item label={t('tk.field.location')}>
          {ticket.lat !== null && ticket.lng !== null
            ? `${ticket.lat.toFixed(5)}, ${ticket.lng.toFixed(5)}`
            : null}
        </Item>
        <Item label={t('tk.field.createdAt')}>{format.dateTime(ticket.createdAt)}</Item>
        <Item label={t('tk.field.updatedAt')}>{format.dateTime(ticket.updatedAt)}</Item>
        <Item label={t('tk.field.catalogue')}>
          {ticket.catalogueRuleId !== null
            ? t('tk.catalogueRule', {
                version: ticket.catalogueVersionId ?? '',
                rule: ticket.catalogueRuleId,
              })
            : null}
        </Item>
        <Item label={t('tk.field.flags')}>
          {ticket.confidential || ticket.contactRequired ? (
            <span className="tk-flags">
              {ticket.confidential ? (
                <span className="badge badge-warn">{t('tk.confidential')}</span>
              ) : null}
              {ticket.contactRequired ? (
                <span className="badge">{t('tk.contactRequired')}</span>
              ) : null}
            </span>
          ) : null}
        </Item>
      </dl>
    </section>
  );
}

/** 138****5678 from a full number: what the screen shows until the user asks to see it. */
const maskForScreen = (phone: string): string =>
  phone.length >= 11
    ? `${phone.slice(0, 3)}****${phone.slice(-4)}`
    : `${'*'.repeat(Math.max(phone.length - 2, 1))}${phone.slice(-2)}`;
const maskNameForScreen = (name: string): string => {
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
};

/**
 * The citizen as the role may see them. A desk that may see the citizen in full still sees the
 * name and number masked on screen until it asks (a screen is seen by more people than its user).
 */
export function CitizenSection({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const full = ticket.citizenVisibility === 'full';
  const name = ticket.citizenName;
  const phone = ticket.citizenPhone;
  return (
    <section className="panel" aria-labelledby="tk-citizen">
      <div className="panel-head">
        <h2 id="tk-citizen">{t('tk.section.citizen')}</h2>
        {full && (name || phone) ? (
          <button
            type="button"
            className="ghost"
            aria-pressed={shown}
            onClick={() => setShown((value) => !value)}
          >
            {shown ? t('tk.citizen.hide') : t('tk.citizen.show')}
          </button>
        ) : null}
      </div>
      {ticket.citizenVisibility === 'hidden' ? (
        <p className="muted">{t('tk.citizen.hidden')}</p>
      ) : (
        <dl className="tk-fields tk-fields-1">
          <Item label={t('tk.field.citizenName')}>
            {name ? (full && !shown ? maskNameForScreen(name) : name) : t('tk.none')}
          </Item>
          <Item label={t('tk.field.citizenPhone')}>
            {phone ? (
              <span className="mono" data-testid="citizen-phone">
                {full && !shown ? maskForScreen(phone) : phone}
              </span>
            ) : (
              t('tk.none')
            )}
          </Item>
        </dl>
      )}
      <p className="field-hint">
        {ticket.citizenVisibility === 'full'
          ? t('tk.citizen.audited')
          : ticket.citizenVisibility === 'masked'
            ? t('tk.citizen.masked')
            : ''}
      </p>
    </section>
  );
}

/** Sign-for and feedback deadlines, and the callback's, with time left or overdue. */
export function DeadlineSection({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="tk-deadlines">
      <h2 id="tk-deadlines">{t('tk.section.deadlines')}</h2>
      <dl className="tk-fields tk-fields-1">
        <Item label={t('tk.field.dispatchedAt')}>{format.dateTime(ticket.dispatchedAt)}</Item>
        <Item label={t('tk.field.signDueAt')}>
          {ticket.signDueAt ? (
            <>
              <span className="nowrap">{format.dateTime(ticket.signDueAt)}</span>{' '}
              <DeadlineBadge
                due={ticket.signDueAt}
                start={ticket.dispatchedAt}
                done={ticket.signedAt}
              />
            </>
          ) : null}
        </Item>
        <Item label={t('tk.field.replyDueAt')}>
          {ticket.replyDueAt ? (
            <>
              <span className="nowrap">{format.dateTime(ticket.replyDueAt)}</span>{' '}
              <DeadlineBadge
                due={ticket.replyDueAt}
                start={ticket.dispatchedAt}
                done={ticket.repliedAt}
              />
            </>
          ) : null}
        </Item>
        <Item label={t('tk.field.callbackDueAt')}>
          {ticket.callbackDueAt && ticket.status === 'replied' ? (
            <>
              <span className="nowrap">{format.dateTime(ticket.callbackDueAt)}</span>{' '}
              <DeadlineBadge due={ticket.callbackDueAt} start={ticket.repliedAt} />
            </>
          ) : ticket.callbackDueAt ? (
            format.dateTime(ticket.callbackDueAt)
          ) : null}
        </Item>
        <Item label={t('tk.field.closedAt')}>{format.dateTime(ticket.closedAt)}</Item>
        <Item label={t('tk.field.resolution')}>
          {ticket.resolution ? t(`tk.resolution.${ticket.resolution}` as MessageKey) : null}
        </Item>
        <Item label={t('tk.field.returnCount')}>{ticket.returnCount || null}</Item>
        <Item label={t('tk.field.reopenCount')}>{ticket.reopenCount || null}</Item>
      </dl>
      {!ticket.signDueAt && !ticket.replyDueAt ? (
        <p className="muted">{t('tk.deadline.none')}</p>
      ) : null}
    </section>
  );
}

/** The unit's reply (办结答复), once there is one. */
export function ReplySection({ ticket }: { ticket: TicketView }) {
  const t = useT();
  const format = useFormat();
  if (!ticket.replyText) return null;
  return (
    <section className="panel" aria-labelledby="tk-reply">
      <div className="panel-head">
        <h2 id="tk-reply">{t('tk.section.reply')}</h2>
        <span className="muted">{format.dateTime(ticket.repliedAt)}</span>
      </div>
      <p className="tk-description">{ticket.replyText}</p>
    </section>
  );
}
