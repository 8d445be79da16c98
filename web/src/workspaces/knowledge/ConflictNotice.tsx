import { useT } from '../../i18n';
import { Notice } from '../../ui/forms';

/** Someone else changed the article since it was loaded: say so, and offer to load theirs. */
export function ConflictNotice({ onReload }: { onReload?: (() => void) | undefined }) {
  const t = useT();
  return (
    <Notice kind="error">
      {t('kb.conflict')}{' '}
      {onReload ? (
        <button type="button" className="link" onClick={onReload}>
          {t('kb.conflict.reload')}
        </button>
      ) : null}
    </Notice>
  );
}
