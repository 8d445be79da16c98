import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice, useServerErrors } from '../../ui/forms';

interface StaffContact {
  userId: number;
  email: string | null;
  mobile: string | null;
}

/** The admin sets where a user's supervision notices go by e-mail and SMS. */
export function StaffContactForm({ userId }: { userId: number }) {
  const state = useLoad(
    (signal) => api<StaffContact>('GET', `/users/${userId}/contact`, undefined, { signal }),
    [userId],
  );
  if (!state.data) return <LoadState state={state} />;
  return <ContactFields key={userId} contact={state.data} />;
}

function ContactFields({ contact }: { contact: StaffContact }) {
  const t = useT();
  const [email, setEmail] = useState(contact.email ?? '');
  const [mobile, setMobile] = useState(contact.mobile ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { fieldErrors, formError, clear, capture } = useServerErrors();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    setBusy(true);
    try {
      const next = await api<StaffContact>('PUT', `/users/${contact.userId}/contact`, {
        email,
        mobile,
      });
      setEmail(next.email ?? '');
      setMobile(next.mobile ?? '');
      setSaved(true);
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event) => void save(event)}
      noValidate
      className="adm-subform"
      aria-labelledby="sn-contact-title"
    >
      <h3 id="sn-contact-title">{t('sn.contact.title')}</h3>
      <p className="muted">{t('sn.contact.hint')}</p>
      {saved ? <Notice kind="success">{t('sn.contact.saved')}</Notice> : null}
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <div className="form-row">
        <Field
          label={t('sn.contact.email')}
          error={fieldErrors.email}
          hint={t('sn.contact.emailHint')}
        >
          <input
            name="email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field
          label={t('sn.contact.mobile')}
          error={fieldErrors.mobile}
          hint={t('sn.contact.mobileHint')}
        >
          <input
            name="mobile"
            type="tel"
            autoComplete="off"
            value={mobile}
            onChange={(e) => setMobile(e.target.value)}
          />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('form.saving') : t('sn.contact.save')}
        </button>
      </div>
    </form>
  );
}
