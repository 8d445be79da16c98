import { api } from '../../api';
import { useT } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Open311Attributes } from './Open311Attributes';
import { Open311Keys } from './Open311Keys';
import type { ChannelSetting } from './ChannelSettings';
import { Open311Settings } from './Open311Settings';
import './open311.css';

interface ChannelView {
  channel: string;
  settings: ChannelSetting[];
}

/**
 * Open311 (GeoReport v2), the API of apps and FixMyStreet-style clients: its keys, the extra
 * questions of each service, and the channel's settings, with an example call.
 */
export function Open311View() {
  const t = useT();
  const channels = useLoad(
    (signal) => api<{ items: ChannelView[] }>('GET', '/admin/channels', undefined, { signal }),
    [],
  );
  const settings = channels.data?.items.find((c) => c.channel === 'open311')?.settings;
  const value = (key: string) => settings?.find((s) => s.key === key)?.value ?? '';
  const endpoint = value('endpointUrl') || `${window.location.origin}/api/v1/open311/v2`;
  const example = [
    `curl -X POST "${endpoint}/requests.json?jurisdiction_id=${value('jurisdictionId')}" \\`,
    '  -d api_key=<API_KEY> -d service_code=010101 \\',
    '  -d lat=28.8712 -d long=105.4423 \\',
    '  --data-urlencode "description=路灯三天不亮了" \\',
    '  --data-urlencode "attribute[KIND][]=dark"',
  ].join('\n');

  return (
    <div className="o311">
      <p className="muted">{t('o311.intro', { url: endpoint })}</p>
      <Open311Keys defaultRate={value('defaultRateLimit') || '60'} />
      <Open311Attributes />
      <LoadState state={channels} />
      {settings ? (
        <Open311Settings
          key={settings.map((s) => `${s.key}:${s.updatedAt ?? ''}`).join('|')}
          settings={settings}
          onSaved={() => channels.reload()}
        />
      ) : null}
      <section className="panel" aria-labelledby="o311-example-title">
        <h2 id="o311-example-title">{t('o311.example')}</h2>
        <pre className="o311-example">{example}</pre>
      </section>
    </div>
  );
}
