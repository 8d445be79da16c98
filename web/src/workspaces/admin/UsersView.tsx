import { useState, type FormEvent } from 'react';
import { api, qs, type Page } from '../../api';
import { useI18n } from '../../i18n';
import type { Role } from '../../session';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { localName } from './admin-api';
import { loadUnitTree } from './reference';
import { STAFF_ROLES, type User } from './types';
import { EditUserForm, NewUserForm } from './UserForm';
import { StaffContactForm } from './StaffContactForm';
import { UnitSelect } from './UnitSelect';

const PAGE_SIZE = 50;

interface Filter {
  q: string;
  role: string;
  unitId: string;
  active: string;
}
const NO_FILTER: Filter = { q: '', role: '', unitId: '', active: '' };

/** Users and roles (用户与角色): find an account, create one, change roles and unit, reset. */
export function UsersView() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const tree = useLoad(loadUnitTree, []);
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [page, setPage] = useState(1);
  const [mode, setMode] = useState<{ kind: 'edit'; user: User } | { kind: 'create' } | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const users = useLoad(
    (signal) =>
      api<Page<User>>(
        'GET',
        `/users${qs({
          q: filter.q.trim(),
          role: filter.role,
          unitId: filter.unitId,
          active: filter.active,
          page,
          pageSize: PAGE_SIZE,
        })}`,
        undefined,
        { signal },
      ),
    [filter, page],
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilter(draft);
  };
  const unitName = (id: number) => {
    const unit = tree.data?.byId.get(id);
    return unit ? localName(unit, locale) : `#${id}`;
  };
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / PAGE_SIZE));
  const now = Date.now();

  return (
    <div className="adm-split adm-split-wide">
      <section className="panel" aria-labelledby="adm-users-title">
        <div className="panel-head">
          <h2 id="adm-users-title">{t('adm.users.title')}</h2>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setCreated(null);
              setMode({ kind: 'create' });
            }}
          >
            {t('adm.users.add')}
          </button>
        </div>
        <form className="adm-filters" role="search" onSubmit={search}>
          <label>
            {t('adm.users.search')}
            <input
              type="search"
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          </label>
          <label>
            {t('adm.user.roles')}
            <select
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value })}
            >
              <option value="">{t('adm.all')}</option>
              {STAFF_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </label>
          {tree.data ? (
            <label>
              {t('adm.user.unit')}
              <UnitSelect
                tree={tree.data}
                value={draft.unitId}
                onChange={(unitId) => setDraft({ ...draft, unitId })}
                emptyLabel={t('adm.all')}
              />
            </label>
          ) : null}
          <label>
            {t('adm.users.state')}
            <select
              value={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.value })}
            >
              <option value="">{t('adm.all')}</option>
              <option value="true">{t('adm.user.activeState')}</option>
              <option value="false">{t('adm.inactive')}</option>
            </select>
          </label>
          <button type="submit">{t('form.search')}</button>
        </form>
        <LoadState state={users} />
        {users.data ? (
          <>
            <div className="adm-scroll adm-users-scroll">
              <table className="data adm-users">
                <thead>
                  <tr>
                    <th>{t('adm.user.username')}</th>
                    <th>{t('adm.user.displayName')}</th>
                    <th>{t('adm.user.unit')}</th>
                    <th>{t('adm.user.roles')}</th>
                    <th>{t('adm.users.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => {
                    const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
                    const selected = mode?.kind === 'edit' && mode.user.id === user.id;
                    return (
                      <tr key={user.id} className={selected ? 'adm-row-on' : undefined}>
                        <td>
                          <button
                            type="button"
                            className="link"
                            aria-current={selected ? 'true' : undefined}
                            onClick={() => {
                              setCreated(null);
                              setMode({ kind: 'edit', user });
                            }}
                          >
                            {user.username}
                          </button>
                        </td>
                        <td>{user.displayName}</td>
                        <td>{unitName(user.unitId)}</td>
                        <td>
                          {user.roles.map((role: Role) => (
                            <span key={role} className="badge adm-role">
                              {t(`role.${role}`)}
                            </span>
                          ))}
                        </td>
                        <td>
                          {!user.active ? (
                            <span className="badge">{t('adm.inactive')}</span>
                          ) : locked ? (
                            <span
                              className="badge badge-danger"
                              title={format.dateTime(user.lockedUntil)}
                            >
                              {t('adm.user.locked')}
                            </span>
                          ) : (
                            <span className="badge badge-ok">{t('adm.user.activeState')}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {users.data.items.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
            <div className="adm-pager">
              <span className="muted">{t('list.total', { total: users.data.total })}</span>
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('list.prev')}
              </button>
              <span className="muted">
                {page} / {pages}
              </span>
              <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t('list.next')}
              </button>
            </div>
          </>
        ) : null}
      </section>
      <section className="panel adm-detail" aria-labelledby="adm-user-title">
        {created ? (
          <Notice kind="success">{t('adm.user.created', { username: created })}</Notice>
        ) : null}
        {tree.data && mode?.kind === 'create' ? (
          <>
            <h2 id="adm-user-title">{t('adm.user.new')}</h2>
            <NewUserForm
              tree={tree.data}
              onSaved={(user) => {
                setCreated(user.username);
                setMode({ kind: 'edit', user });
                users.reload();
              }}
              onCancel={() => setMode(null)}
            />
          </>
        ) : tree.data && mode?.kind === 'edit' ? (
          <>
            <h2 id="adm-user-title">
              {mode.user.displayName} <span className="muted">({mode.user.username})</span>
            </h2>
            <EditUserForm
              key={mode.user.id}
              tree={tree.data}
              user={mode.user}
              onSaved={(user) => {
                setMode({ kind: 'edit', user });
                users.reload();
              }}
            />
            <StaffContactForm key={`contact-${mode.user.id}`} userId={mode.user.id} />
          </>
        ) : (
          <>
            <h2 id="adm-user-title" className="visually-hidden">
              {t('adm.users.title')}
            </h2>
            <p className="muted">{t('adm.users.pick')}</p>
          </>
        )}
      </section>
    </div>
  );
}
