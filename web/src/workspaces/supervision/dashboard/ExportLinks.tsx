import { useI18n } from '../../../i18n';
import { exportUrl } from './dashboard-api';

/** The CSV and XLSX downloads of one table, in the page's language. */
export function ExportLinks({
  table,
  query,
  name,
}: {
  table: 'measures' | 'rankings' | 'tickets';
  query: Record<string, string | number | undefined>;
  /** The table's name, so each link says which table it downloads. */
  name: string;
}) {
  const { t, locale } = useI18n();
  const withLang = { ...query, lang: locale };
  return (
    <span className="svd-exports" role="group" aria-label={t('svd.download.of', { table: name })}>
      <a className="button" href={exportUrl(table, 'csv', withLang)} download>
        {t('svd.download.csv')}
      </a>
      <a className="button" href={exportUrl(table, 'xlsx', withLang)} download>
        {t('svd.download.xlsx')}
      </a>
    </span>
  );
}
