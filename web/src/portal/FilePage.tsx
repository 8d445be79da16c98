import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, qs } from '../api';
import { useT, type MessageKey } from '../i18n';
import { Link } from '../router';
import { Field, Notice } from '../ui/forms';
import { AppealPlaceAndMatter } from './AppealPlaceAndMatter';
import { PhotoPicker, PhotoResults, uploadPhotos, type PhotoResult } from './Photos';
import {
  APPEAL_TYPES,
  failureText,
  rememberReceipt,
  type AppealType,
  type PublicAppeal,
  type Receipt,
} from './portal-api';

const MAX_DESCRIPTION = 5000;

const PlaceMap = lazy(() => import('./PlaceMap'));

interface Location {
  lat: number;
  lng: number;
}

/** Server field → the form's field (lat and lng both belong to the location button). */
const FIELD_OF: Record<string, string> = { lat: 'location', lng: 'location' };

/** What the server says about a field, in the citizen's language where we know the rule. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  description: 'portal.file.error.description',
  citizenPhone: 'portal.file.error.phone',
  location: 'portal.file.error.location',
};

/** /portal/file: a citizen files an appeal and gets its number and query code. */
export function FilePage() {
  const t = useT();
  const [filed, setFiled] = useState<{ receipt: Receipt; photos: File[] } | null>(null);
  return (
    <>
      <h1 className="portal-title">{t('portal.file.title')}</h1>
      {filed ? (
        <ReceiptCard receipt={filed.receipt} photos={filed.photos} />
      ) : (
        <AppealForm onFiled={(receipt, photos) => setFiled({ receipt, photos })} />
      )}
    </>
  );
}

function AppealForm({ onFiled }: { onFiled: (receipt: Receipt, photos: File[]) => void }) {
  const t = useT();
  const [appealType, setAppealType] = useState<AppealType | ''>('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [districtId, setDistrictId] = useState<number | null>(null);
  const [location, setLocation] = useState<Location | null>(null);
  const [locating, setLocating] = useState(false);
  const [citizenName, setCitizenName] = useState('');
  const [citizenPhone, setCitizenPhone] = useState('');
  const [confidential, setConfidential] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const locate = () => {
    setFieldErrors((errors) => {
      const rest = { ...errors };
      delete rest.location;
      return rest;
    });
    if (!('geolocation' in navigator)) {
      setFieldErrors((errors) => ({ ...errors, location: t('portal.file.location.unsupported') }));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setLocation({
          lat: Number(position.coords.latitude.toFixed(6)),
          lng: Number(position.coords.longitude.toFixed(6)),
        });
      },
      () => {
        setLocating(false);
        setFieldErrors((errors) => ({ ...errors, location: t('portal.file.location.denied') }));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFieldErrors({});
    setFormError(null);
    const appeal: PublicAppeal = {
      channel: 'web',
      description: description.trim(),
      citizenPhone: citizenPhone.trim(),
      ...(appealType ? { appealType } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(categoryId !== null ? { categoryId } : {}),
      ...(districtId !== null ? { districtId } : {}),
      ...(location ?? {}),
      ...(citizenName.trim() ? { citizenName: citizenName.trim() } : {}),
      ...(confidential ? { confidential: true } : {}),
    };
    try {
      const receipt = await api<Receipt>('POST', '/public/appeals', appeal);
      rememberReceipt(receipt);
      onFiled(receipt, photos);
      window.scrollTo({ top: 0 });
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 400 && failure.field) {
        const field = FIELD_OF[failure.field] ?? failure.field;
        const known = FIELD_MESSAGES[field];
        setFieldErrors({ [field]: known ? t(known) : failure.message });
        if (
          ![
            'appealType',
            'description',
            'address',
            'categoryId',
            'districtId',
            'location',
            'citizenName',
            'citizenPhone',
          ].includes(field)
        )
          setFormError(failure.message);
      } else setFormError(failureText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="portal-card portal-form" onSubmit={(event) => void submit(event)}>
      <p className="portal-muted">{t('portal.file.lead')}</p>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <fieldset className="portal-chips">
        <legend>
          {t('portal.file.appealType')}{' '}
          <span className="field-required">({t('portal.optional')})</span>
        </legend>
        {APPEAL_TYPES.map((type) => (
          <label
            key={type}
            className={appealType === type ? 'portal-chip portal-chip-on' : 'portal-chip'}
          >
            <input
              type="radio"
              name="appealType"
              value={type}
              checked={appealType === type}
              onChange={() => setAppealType(type)}
            />
            {t(`appealType.${type}`)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('portal.file.description')}
        required
        hint={t('portal.file.descriptionHint', {
          count: Array.from(description).length,
          max: MAX_DESCRIPTION,
        })}
        error={fieldErrors.description}
      >
        <textarea
          rows={6}
          maxLength={MAX_DESCRIPTION}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </Field>
      <Field
        label={t('portal.file.address')}
        hint={t('portal.file.addressHint')}
        error={fieldErrors.address}
      >
        <input
          value={address}
          maxLength={500}
          autoComplete="street-address"
          onChange={(event) => setAddress(event.target.value)}
        />
      </Field>
      <AppealPlaceAndMatter
        categoryId={categoryId}
        onCategory={setCategoryId}
        districtId={districtId}
        onDistrict={setDistrictId}
        errors={fieldErrors}
      />
      <div className={`portal-location${fieldErrors.location ? ' field-invalid' : ''}`}>
        <button type="button" onClick={locate} disabled={locating}>
          {locating ? t('portal.file.location.finding') : t('portal.file.location.use')}
        </button>
        {location ? (
          <span className="portal-location-text" role="status">
            {t('portal.file.location.found', { lat: location.lat, lng: location.lng })}{' '}
            <button type="button" className="link" onClick={() => setLocation(null)}>
              {t('portal.file.location.remove')}
            </button>
          </span>
        ) : null}
        {fieldErrors.location ? (
          <div className="field-error" role="alert">
            {fieldErrors.location}
          </div>
        ) : null}
        <span className="portal-map-hint">{t('portal.file.map.hint')}</span>
        <Suspense fallback={null}>
          <PlaceMap
            picked={location}
            onPick={(place) => {
              setLocation({ lat: place.lat, lng: place.lng });
              if (place.districtId !== null) setDistrictId(place.districtId);
            }}
          />
        </Suspense>
      </div>
      <Field
        label={
          <>
            {t('portal.file.name')} <span className="field-required">({t('portal.optional')})</span>
          </>
        }
        error={fieldErrors.citizenName}
      >
        <input
          value={citizenName}
          maxLength={100}
          autoComplete="name"
          onChange={(event) => setCitizenName(event.target.value)}
        />
      </Field>
      <Field
        label={t('portal.file.phone')}
        required
        hint={t('portal.file.phoneHint')}
        error={fieldErrors.citizenPhone}
      >
        <input
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          value={citizenPhone}
          onChange={(event) => setCitizenPhone(event.target.value)}
        />
      </Field>
      <label className="portal-check">
        <input
          type="checkbox"
          checked={confidential}
          onChange={(event) => setConfidential(event.target.checked)}
        />
        <span>{t('portal.file.confidential')}</span>
      </label>
      <PhotoPicker files={photos} onChange={setPhotos} />
      <button type="submit" className="primary portal-submit" disabled={busy}>
        {busy ? t('portal.file.sending') : t('portal.file.submit')}
      </button>
    </form>
  );
}

function ReceiptCard({ receipt, photos }: { receipt: Receipt; photos: File[] }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const [results, setResults] = useState<PhotoResult[] | null>(photos.length ? null : []);
  // The photos go up once the appeal has its number (the API takes them with number and code).
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !photos.length) return;
    started.current = true;
    void uploadPhotos(t, receipt.number, receipt.queryCode, photos).then(setResults);
  }, [t, receipt, photos]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(
        `${t('portal.receipt.number')} ${receipt.number}\n${t('portal.receipt.code')} ${receipt.queryCode}`,
      );
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="portal-card portal-receipt" aria-labelledby="portal-receipt-title">
      <h2 id="portal-receipt-title">{t('portal.receipt.title')}</h2>
      <dl className="portal-receipt-codes">
        <dt>{t('portal.receipt.number')}</dt>
        <dd data-testid="receipt-number">{receipt.number}</dd>
        <dt>{t('portal.receipt.code')}</dt>
        <dd data-testid="receipt-code">{receipt.queryCode}</dd>
      </dl>
      <Notice kind="error">{t('portal.receipt.once')}</Notice>
      {results === null ? (
        <p className="portal-muted" role="status">
          {t('portal.photos.uploading', { count: photos.length })}
        </p>
      ) : (
        <PhotoResults results={results} />
      )}
      <div className="portal-buttons">
        <button type="button" onClick={() => void copy()}>
          {copied ? t('portal.receipt.copied') : t('portal.receipt.copy')}
        </button>
        <Link to={`/portal/track${qs({ number: receipt.number })}`} className="button primary">
          {t('portal.receipt.track')}
        </Link>
      </div>
      <p className="portal-muted">{t('portal.receipt.next')}</p>
    </section>
  );
}
