import { useEffect, useState, type ChangeEvent } from 'react';
import { useT } from '../../i18n';
import { Field } from '../../ui/forms';

/** A photo chosen for a reply; `attachmentId` once it is on the server. */
export interface ChosenPhoto {
  key: string;
  file: File;
  attachmentId?: number;
}

let nextKey = 0;

/** Picks photos (evidence of the work done) and shows them as thumbnails before sending. */
export function PhotoPicker({
  photos,
  onChange,
  error,
  disabled,
}: {
  photos: ChosenPhoto[];
  onChange: (photos: ChosenPhoto[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const t = useT();
  const add = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []).filter((file) =>
      file.type.startsWith('image/'),
    );
    event.target.value = '';
    onChange([...photos, ...files.map((file) => ({ key: `p${nextKey++}`, file }))]);
  };
  return (
    <div className="hd-photos">
      <Field label={t('hd.reply.photos')} hint={t('hd.reply.photosHint')} error={error}>
        <input type="file" accept="image/*" multiple onChange={add} disabled={disabled} />
      </Field>
      {photos.length > 0 ? (
        <ul className="hd-thumbs list-plain" aria-label={t('hd.reply.chosen')}>
          {photos.map((photo) => (
            <Thumbnail
              key={photo.key}
              photo={photo}
              disabled={disabled}
              onRemove={() => onChange(photos.filter((other) => other.key !== photo.key))}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Thumbnail({
  photo,
  onRemove,
  disabled,
}: {
  photo: ChosenPhoto;
  onRemove: () => void;
  disabled?: boolean | undefined;
}) {
  const t = useT();
  // Made and revoked by the same effect, so a re-run effect (React's StrictMode) gets a new URL.
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(photo.file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [photo.file]);
  return (
    <li className="hd-thumb">
      {url ? <img src={url} alt={photo.file.name} /> : <span className="hd-thumb-blank" />}
      <span className="hd-thumb-name" title={photo.file.name}>
        {photo.file.name}
      </span>
      {photo.attachmentId ? (
        <span className="badge badge-ok">{t('hd.reply.uploaded')}</span>
      ) : (
        <button
          type="button"
          className="link"
          onClick={onRemove}
          disabled={disabled}
          aria-label={t('hd.reply.remove', { name: photo.file.name })}
        >
          {t('hd.reply.removeShort')}
        </button>
      )}
    </li>
  );
}
