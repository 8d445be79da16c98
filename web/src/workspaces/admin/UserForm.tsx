import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import type { Role } from '../../session';
import { useFormat } from '../../settings';
import { Field, Notice } from '../../ui/forms';
import { useAdminErrors } from './admin-api';
import type { Tree } from './reference';
import { STAFF_ROLES, type UnitNode, type User } from './types';
import { UnitSelect } from './UnitSelect';

/**
 * The roles of a user, as checkboxes; the server's refusal shows under them. Staff roles are
 * offered; a role outside them that the user already has (citizen) stays, and can be taken away.
 */
function RoleChecks({
  value,
  onChange,
  error,
}: {
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
}) {
  const t = useT();
  const id = useId();
  return (
    <fieldset
      className={`adm-roles${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>
        {t('adm.user.roles')} <span className="field-required">({t('form.required')})</span>
      </legend>
      <div className="adm-role-list">
        {[...STAFF_ROLES, ...value.filter((role) => !STAFF_ROLES.includes(role))].map((role) => (
          <label key={role} className="adm-check">
            <input
              type="checkbox"
              name="roles"
              value={role}
              checked={value.includes(role)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, role] : value.filter((r) => r !== role))
              }
            />
            {t(`role.${role}`)}
          </label>
        ))}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

/** A new account: username, name, first password, unit and roles. */
export function NewUserForm({
  tree,
  onSaved,
  onCancel,
}: {
  tree: Tree<UnitNode>;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [unitId, setUnitId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture, setFieldErrors } = useAdminErrors({
    username: username.trim(),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (!unitId) return setFieldErrors({ unitId: t('adm.user.unitRequired') });
    setBusy(true);
    try {
      onSaved(
        await api<User>('POST', '/users', {
          username: username.trim(),
          displayName,
          password,
          unitId: Number(unitId),
          roles,
        }),
      );
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="adm-form">
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <div className="form-row">
        <Field
          label={t('adm.user.username')}
          error={fieldErrors.username}
          hint={t('adm.user.usernameHint')}
          required
        >
          <input
            name="username"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label={t('adm.user.displayName')} error={fieldErrors.displayName} required>
          <input
            name="displayName"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </Field>
      </div>
      <div className="form-row">
        <Field
          label={t('adm.user.password')}
          error={fieldErrors.password}
          hint={t('adm.user.passwordHint')}
          required
        >
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Field label={t('adm.user.unit')} error={fieldErrors.unitId} required>
          <UnitSelect
            name="unitId"
            tree={tree}
            value={unitId}
            onChange={setUnitId}
            emptyLabel={t('form.select')}
          />
        </Field>
      </div>
      <RoleChecks value={roles} onChange={setRoles} error={fieldErrors.roles} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('adm.user.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** An existing account: name, unit, roles, active; and the admin's password reset and unlock. */
export function EditUserForm({
  tree,
  user,
  onSaved,
}: {
  tree: Tree<UnitNode>;
  user: User;
  onSaved: (user: User) => void;
}) {
  const t = useT();
  const format = useFormat();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [unitId, setUnitId] = useState(String(user.unitId));
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [active, setActive] = useState(user.active);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { fieldErrors, formError, clear, capture } = useAdminErrors();
  const [newPassword, setNewPassword] = useState('');
  const reset = useAdminErrors();
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setNotice(null);
    setBusy(true);
    try {
      const body = { displayName, unitId: Number(unitId), roles, active };
      onSaved(await api<User>('PATCH', `/users/${user.id}`, body));
      setNotice(t('form.saved'));
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };
  const resetPassword = async (event: FormEvent) => {
    event.preventDefault();
    reset.clear();
    setNotice(null);
    try {
      await api('POST', `/users/${user.id}/password`, { newPassword });
      setNewPassword('');
      setNotice(t('adm.user.passwordReset', { username: user.username }));
      onSaved(await api<User>('GET', `/users/${user.id}`));
    } catch (error) {
      reset.capture(error);
    }
  };
  const unlock = async () => {
    setNotice(null);
    try {
      onSaved(await api<User>('POST', `/users/${user.id}/unlock`));
      setNotice(t('adm.user.unlocked', { username: user.username }));
    } catch (error) {
      capture(error);
    }
  };

  return (
    <>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {locked ? (
        <Notice kind="info">
          {t('adm.user.lockedUntil', { time: format.dateTime(user.lockedUntil) })}{' '}
          <button type="button" onClick={() => void unlock()}>
            {t('adm.user.unlock')}
          </button>
        </Notice>
      ) : null}
      <form onSubmit={(event) => void save(event)} noValidate className="adm-form">
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        <div className="form-row">
          <Field label={t('adm.user.displayName')} error={fieldErrors.displayName} required>
            <input
              name="displayName"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </Field>
          <Field label={t('adm.user.unit')} error={fieldErrors.unitId} required>
            <UnitSelect
              name="unitId"
              tree={tree}
              value={unitId}
              onChange={setUnitId}
              emptyLabel={t('form.select')}
            />
          </Field>
        </div>
        <RoleChecks value={roles} onChange={setRoles} error={fieldErrors.roles} />
        <div className={`field${fieldErrors.active ? ' field-invalid' : ''}`}>
          <label className="adm-check">
            <input
              type="checkbox"
              name="active"
              checked={active}
              onChange={(e) => setActive(e.target.checked)}
            />
            {t('adm.user.active')}
          </label>
          {fieldErrors.active ? (
            <div className="field-error" role="alert">
              {fieldErrors.active}
            </div>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('form.saving') : t('form.save')}
          </button>
        </div>
      </form>
      <form onSubmit={(event) => void resetPassword(event)} noValidate className="adm-subform">
        <h3>{t('adm.user.resetTitle')}</h3>
        {reset.formError ? <Notice kind="error">{reset.formError}</Notice> : null}
        <div className="adm-inline">
          <Field
            label={t('adm.user.newPassword')}
            error={reset.fieldErrors.newPassword}
            hint={t('adm.user.resetHint')}
          >
            <input
              name="newPassword"
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
            />
          </Field>
          <button type="submit" disabled={!newPassword}>
            {t('adm.user.reset')}
          </button>
        </div>
      </form>
    </>
  );
}
