import { useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Field, Notice } from '../ui/forms';

export function Login() {
  const { t, locale, setLocale } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 429) setError(t('login.locked'));
      else if (failure instanceof ApiError && failure.status === 401) setError(t('login.failed'));
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="login-card" onSubmit={(event) => void submit(event)}>
        <div className="login-head">
          <span className="brand-mark" aria-hidden="true">
            12345
          </span>
          <h1>{t('app.name')}</h1>
        </div>
        <h2>{t('login.title')}</h2>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Field label={t('login.username')}>
          <input
            name="username"
            required
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </Field>
        <Field label={t('login.password')}>
          <input
            name="password"
            required
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
        <button
          type="button"
          className="ghost"
          aria-label={t('app.switchLanguageLabel')}
          onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('app.switchLanguage')}
        </button>
      </form>
    </main>
  );
}
