import { api } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../ui/data';
import { Field } from '../ui/forms';

interface PublicCategory {
  id: number;
  parentId: number | null;
  level: number;
  name: string;
  nameEn: string | null;
}

interface PublicDistrict {
  id: number;
  name: string;
  nameEn: string | null;
}

/**
 * What the appeal is about and which district it is in, both optional: a citizen who knows
 * helps the centre route it sooner; one who does not leaves it to the operator.
 */
export function AppealPlaceAndMatter({
  categoryId,
  onCategory,
  districtId,
  onDistrict,
  errors,
}: {
  categoryId: number | null;
  onCategory: (id: number | null) => void;
  districtId: number | null;
  onDistrict: (id: number | null) => void;
  errors: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const reference = useLoad(async (signal) => {
    const [categories, districts] = await Promise.all([
      api<{ items: PublicCategory[] }>('GET', '/public/categories', undefined, { signal }),
      api<{ items: PublicDistrict[] }>('GET', '/public/districts', undefined, { signal }),
    ]);
    return { categories: categories.items, districts: districts.items };
  }, []);
  const name = (item: { name: string; nameEn: string | null }) =>
    locale === 'en' ? (item.nameEn ?? item.name) : item.name;
  const data = reference.data;
  const optional = <span className="field-required">({t('portal.optional')})</span>;
  const topLevel = data?.categories.filter((c) => c.level === 1) ?? [];
  return (
    <>
      <Field
        label={
          <>
            {t('portal.file.category')} {optional}
          </>
        }
        error={errors.categoryId}
      >
        <select
          value={categoryId ?? ''}
          disabled={!data}
          onChange={(event) => onCategory(event.target.value ? Number(event.target.value) : null)}
        >
          <option value="">{t('portal.file.categoryUnknown')}</option>
          {topLevel.map((group) => (
            <optgroup key={group.id} label={name(group)}>
              {data?.categories
                .filter((c) => c.parentId === group.id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {name(c)}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field
        label={
          <>
            {t('portal.file.district')} {optional}
          </>
        }
        error={errors.districtId}
      >
        <select
          value={districtId ?? ''}
          disabled={!data}
          onChange={(event) => onDistrict(event.target.value ? Number(event.target.value) : null)}
        >
          <option value="">{t('portal.file.districtUnknown')}</option>
          {data?.districts.map((district) => (
            <option key={district.id} value={district.id}>
              {name(district)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
