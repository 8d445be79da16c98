import type { KeyboardEvent } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { CalendarView } from './CalendarView';
import { CatalogueView } from './CatalogueView';
import { CategoriesView } from './CategoriesView';
import { MessagingView } from './MessagingView';
import { Open311View } from './Open311View';
import { UnitsView } from './UnitsView';
import { UsersView } from './UsersView';
import { WechatView } from './WechatView';
import { RoutingView } from './RoutingView';
import { AdminSupervisionView } from '../supervision/AdminSupervisionView';

const TABS = [
  'units',
  'users',
  'categories',
  'catalogue',
  'routing',
  'calendar',
  'supervision',
  'open311',
  'messaging',
  'wechat',
] as const;
type Tab = (typeof TABS)[number];

const VIEWS: Record<Tab, () => React.JSX.Element> = {
  units: UnitsView,
  users: UsersView,
  categories: CategoriesView,
  catalogue: CatalogueView,
  routing: RoutingView,
  calendar: CalendarView,
  supervision: AdminSupervisionView,
  open311: Open311View,
  messaging: MessagingView,
  wechat: WechatView,
};

/**
 * /admin: system administration (系统管理). One tab per thing the administrator keeps: the
 * organisation, users and roles, categories, the dispatch catalogue and the holiday calendar.
 * The tab is in the address (?tab=users), so a link or Back opens the same view.
 */
export default function AdminPage() {
  const t = useT();
  const { query } = useLocation();
  const asked = query.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? '') ? (asked as Tab) : 'units';
  const open = (next: Tab) => navigate(`/admin?tab=${next}`, { replace: true });
  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    open(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`#adm-tab-${next}`)?.focus();
  };
  const View = VIEWS[tab];
  return (
    <div className="page adm">
      <div className="page-head">
        <h1>{t('adm.title')}</h1>
      </div>
      <div className="tabs" role="tablist" aria-label={t('adm.title')} onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`adm-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={name === tab}
            aria-controls="adm-panel"
            tabIndex={name === tab ? 0 : -1}
            onClick={() => open(name)}
          >
            {t(`adm.tab.${name}` as MessageKey)}
          </button>
        ))}
      </div>
      <div id="adm-panel" role="tabpanel" aria-labelledby={`adm-tab-${tab}`}>
        <View />
      </div>
    </div>
  );
}
