import { api, type Page } from '../../api';
import { useT } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { useLoad } from '../../ui/data';
import { useLiveReload } from '../../ui/live';
import type { RequestItem } from '../tickets/types';
import { QueueView } from './QueueView';
import { RequestsView } from './RequestsView';

type Tab = 'queue' | 'requests';

/**
 * /dispatch: the centre's dispatch desk (派单). The queue of tickets to dispatch, and the units'
 * returns and extensions to review. The tab and the opened ticket are in the address.
 */
export default function DispatchPage() {
  const t = useT();
  const { query } = useLocation();
  const tab: Tab = query.get('tab') === 'requests' ? 'requests' : 'queue';
  const openId = Number(query.get('ticket')) || null;
  const requests = useLoad(
    (signal) => api<Page<RequestItem>>('GET', '/requests?pageSize=1', undefined, { signal }),
    [],
  );
  useLiveReload(requests.reload);
  const requestCount = requests.data?.total ?? 0;
  const go = (next: Tab, ticket: number | null = null) => {
    const search = new URLSearchParams();
    if (next === 'requests') search.set('tab', 'requests');
    if (ticket !== null) search.set('ticket', String(ticket));
    const text = search.toString();
    navigate(`/dispatch${text ? `?${text}` : ''}`, { replace: true });
  };
  return (
    <div className="page dsp">
      <div className="page-head">
        <h1>{t('dsp.title')}</h1>
      </div>
      <div className="tabs" role="tablist" aria-label={t('dsp.title')}>
        <button
          type="button"
          role="tab"
          id="dsp-tab-queue"
          aria-selected={tab === 'queue'}
          aria-controls="dsp-tabpanel"
          onClick={() => go('queue')}
        >
          {t('dsp.tab.queue')}
        </button>
        <button
          type="button"
          role="tab"
          id="dsp-tab-requests"
          aria-selected={tab === 'requests'}
          aria-controls="dsp-tabpanel"
          onClick={() => go('requests')}
        >
          {t('dsp.tab.requests')}
          {requestCount ? <span className="badge badge-warn">{requestCount}</span> : null}
        </button>
      </div>
      <div id="dsp-tabpanel" role="tabpanel" aria-labelledby={`dsp-tab-${tab}`}>
        {tab === 'queue' ? (
          <QueueView openId={openId} setOpenId={(id) => go('queue', id)} />
        ) : (
          <RequestsView onRedispatch={(ticketId) => go('queue', ticketId)} />
        )}
      </div>
    </div>
  );
}
