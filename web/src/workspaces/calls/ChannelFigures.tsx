import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';

interface Row {
  channel: string;
  contacts: number;
  tickets: number;
  directAnswers: number;
  directAnswerRate: number | null;
}

/** Contacts, tickets and direct answers per channel over the chosen days: the channels compared. */
export function ChannelFigures({ range }: { range: string }) {
  const t = useT();
  const format = useFormat();
  const figures = useLoad(
    (signal) => api<{ items: Row[] }>('GET', `/channels/figures${range}`, undefined, { signal }),
    [range],
  );
  return (
    <section className="panel" aria-labelledby="channel-figures">
      <div className="panel-head">
        <h2 id="channel-figures">{t('cti.channels.title')}</h2>
      </div>
      <LoadState state={figures} />
      {figures.data ? (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>{t('cti.channels.channel')}</th>
                <th className="num">{t('cti.channels.contacts')}</th>
                <th className="num">{t('cti.channels.tickets')}</th>
                <th className="num">{t('cti.channels.directAnswers')}</th>
                <th className="num">{t('cti.channels.directAnswerRate')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.data.items.map((row) => (
                <tr key={row.channel}>
                  <th scope="row">{t(`channel.${row.channel}` as MessageKey)}</th>
                  <td className="num">{format.number(row.contacts)}</td>
                  <td className="num">{format.number(row.tickets)}</td>
                  <td className="num">{format.number(row.directAnswers)}</td>
                  <td className="num">
                    {row.directAnswerRate === null ? '—' : format.percent(row.directAnswerRate)}
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
