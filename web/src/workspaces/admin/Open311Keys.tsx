import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice } from '../../ui/forms';
import { useAdminErrors } from './admin-api';

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  rateLimitPerMinute: number;
  active: boolean;
  createdBy: { id: number; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Issue a key (or change one): its name and its requests per minute. */
function KeyForm({
  apiKey,
  defaultRate,
  onSaved,
  onCancel,
}: {
  apiKey?: ApiKey;
  defaultRate: string;
  onSaved: (saved: { key: ApiKey; apiKey?: string }) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(apiKey?.name ?? '');
  const [rate, setRate] = useState(apiKey ? String(apiKey.rateLimitPerMinute) : '');
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture } = useAdminErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    const body = {
      name: name.trim(),
      ...(rate.trim() ? { rateLimitPerMinute: Number(rate) } : {}),
    };
    try {
      if (apiKey) {
        onSaved({ key: await api<ApiKey>('PATCH', `/admin/open311/keys/${apiKey.id}`, body) });
      } else {
        onSaved(await api<{ key: ApiKey; apiKey: string }>('POST', '/admin/open311/keys', body));
      }
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="adm-form o311-key-form" noValidate onSubmit={(e) => void submit(e)}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <div className="form-row">
        <Field label={t('o311.keys.name')} error={fieldErrors.name} required>
          <input
            name="name"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field
          label={t('o311.keys.rate')}
          error={fieldErrors.rateLimitPerMinute}
          hint={apiKey ? undefined : t('o311.keys.rateHint', { rate: defaultRate })}
        >
          <input
            name="rateLimitPerMinute"
            type="number"
            min={1}
            max={999999}
            inputMode="numeric"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : apiKey ? t('form.save') : t('o311.keys.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The Open311 API keys: issued by an admin for each app (the key is shown once, here, and never
 * again), limited per minute, revoked for good.
 */
export function Open311Keys({ defaultRate }: { defaultRate: string }) {
  const t = useT();
  const format = useFormat();
  const keys = useLoad(
    (signal) => api<{ items: ApiKey[] }>('GET', '/admin/open311/keys', undefined, { signal }),
    [],
  );
  const [mode, setMode] = useState<{ kind: 'create' } | { kind: 'edit'; key: ApiKey } | null>(null);
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const revoke = async (key: ApiKey) => {
    setRevokeError(null);
    try {
      await api('POST', `/admin/open311/keys/${key.id}/revoke`);
      setRevoking(null);
      keys.reload();
    } catch (error) {
      setRevokeError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="panel" aria-labelledby="o311-keys-title">
      <div className="panel-head">
        <h2 id="o311-keys-title">{t('o311.keys.title')}</h2>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setSaved(null);
            setMode({ kind: 'create' });
          }}
        >
          {t('o311.keys.add')}
        </button>
      </div>
      {issued ? (
        <div className="notice notice-success o311-issued" role="status">
          <p>{t('o311.keys.created', { name: issued.name })}</p>
          <code className="o311-secret" data-testid="o311-new-key">
            {issued.apiKey}
          </code>
          <div className="form-actions">
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(issued.apiKey).then(() => setCopied(true))
              }
            >
              {copied ? t('o311.keys.copied') : t('o311.keys.copy')}
            </button>
            <button type="button" onClick={() => setIssued(null)}>
              {t('o311.keys.dismiss')}
            </button>
          </div>
        </div>
      ) : null}
      {saved ? <Notice kind="success">{saved}</Notice> : null}
      {mode ? (
        <KeyForm
          key={mode.kind === 'edit' ? mode.key.id : 'new'}
          apiKey={mode.kind === 'edit' ? mode.key : undefined}
          defaultRate={defaultRate}
          onCancel={() => setMode(null)}
          onSaved={(result) => {
            setMode(null);
            if (result.apiKey) {
              setCopied(false);
              setIssued({ name: result.key.name, apiKey: result.apiKey });
            } else setSaved(t('o311.keys.saved', { name: result.key.name }));
            keys.reload();
          }}
        />
      ) : null}
      {revoking ? (
        <div className="notice notice-error adm-confirm" role="alert">
          <p>{t('o311.keys.confirmRevoke', { name: revoking.name })}</p>
          {revokeError ? <p>{revokeError}</p> : null}
          <div className="form-actions">
            <button type="button" className="danger" onClick={() => void revoke(revoking)}>
              {t('o311.keys.revoke')}
            </button>
            <button type="button" onClick={() => setRevoking(null)}>
              {t('form.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <LoadState state={keys} />
      {keys.data && keys.data.items.length === 0 ? (
        <p className="muted">{t('o311.keys.none')}</p>
      ) : null}
      {keys.data && keys.data.items.length > 0 ? (
        <div className="adm-scroll">
          <table className="data o311-keys">
            <thead>
              <tr>
                <th>{t('o311.keys.name')}</th>
                <th>{t('o311.keys.prefix')}</th>
                <th>{t('o311.keys.rate')}</th>
                <th>{t('o311.keys.state')}</th>
                <th>{t('o311.keys.createdBy')}</th>
                <th>{t('o311.keys.createdAt')}</th>
                <th>{t('o311.keys.lastUsed')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.data.items.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{format.number(key.rateLimitPerMinute)}</td>
                  <td>
                    {key.active ? (
                      <span className="badge badge-ok">{t('o311.keys.active')}</span>
                    ) : (
                      <span className="badge" title={format.dateTime(key.revokedAt)}>
                        {t('o311.keys.revoked')}
                      </span>
                    )}
                  </td>
                  <td>{key.createdBy?.name ?? ''}</td>
                  <td>{format.dateTime(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('o311.keys.never')}</td>
                  <td className="o311-actions">
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setSaved(null);
                        setMode({ kind: 'edit', key });
                      }}
                    >
                      {t('o311.keys.edit')}
                    </button>
                    {key.active ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          setRevokeError(null);
                          setRevoking(key);
                        }}
                      >
                        {t('o311.keys.revoke')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
