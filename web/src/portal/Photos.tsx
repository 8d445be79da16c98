import { useId } from 'react';
import { api, qs } from '../api';
import { useT, type Translate } from '../i18n';
import { failureText } from './portal-api';

/** At most this many photos per appeal (src/modules/tickets/attachments.service.ts). */
export const MAX_PHOTOS = 4;

export interface PhotoResult {
  name: string;
  /** null when the photo was stored; else why not. */
  error: string | null;
}

/** Adds photos to a filed appeal, one request each, and says how each went. */
export async function uploadPhotos(
  t: Translate,
  number: string,
  code: string,
  files: readonly File[],
): Promise<PhotoResult[]> {
  const results: PhotoResult[] = [];
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await api(
        'POST',
        `/public/appeals/${encodeURIComponent(number)}/photos${qs({ code })}`,
        form,
      );
      results.push({ name: file.name, error: null });
    } catch (failure) {
      results.push({ name: file.name, error: failureText(t, failure) });
    }
  }
  return results;
}

/** Choosing photos: the phone offers its camera and its gallery; each chosen one can be removed. */
export function PhotoPicker({
  files,
  onChange,
  max = MAX_PHOTOS,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  max?: number;
}) {
  const t = useT();
  const id = useId();
  return (
    <div className="field portal-photos">
      <label htmlFor={id}>
        {t('portal.photos.label')}{' '}
        <span className="field-required">({t('portal.photos.limit', { max })})</span>
      </label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept="image/*"
        multiple
        disabled={files.length >= max}
        onChange={(event) => {
          const chosen = Array.from(event.target.files ?? []);
          event.target.value = '';
          onChange([...files, ...chosen].slice(0, max));
        }}
      />
      {/* The browser's own file button speaks the browser's language; this one the page's. */}
      <label htmlFor={id} className="button portal-photo-button" aria-hidden="true">
        {t('portal.photos.choose')}
      </label>
      {files.length ? (
        <ul className="list-plain portal-photo-list">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              <span>{file.name}</span>
              <button
                type="button"
                className="link"
                aria-label={t('portal.photos.remove', { name: file.name })}
                onClick={() => onChange(files.filter((_, other) => other !== index))}
              >
                {t('portal.photos.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** How the photos went, under the receipt or the progress. */
export function PhotoResults({ results }: { results: PhotoResult[] }) {
  const t = useT();
  if (!results.length) return null;
  return (
    <ul className="list-plain portal-photo-list" aria-label={t('portal.photos.results')}>
      {results.map((result, index) => (
        <li key={index} className={result.error ? 'portal-photo-failed' : 'portal-photo-ok'}>
          <span>{result.name}</span>
          <span>{result.error ?? t('portal.photos.added')}</span>
        </li>
      ))}
    </ul>
  );
}
