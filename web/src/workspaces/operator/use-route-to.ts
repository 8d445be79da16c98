import { useEffect, useState } from 'react';
import { api, qs } from '../../api';
import type { Locale } from '../../i18n';
import type { ReferenceData } from './reference-data';

interface Explanation {
  suggestion: { leadUnitId: number; coUnitIds: number[] } | null;
}

/**
 * The unit the dispatch catalogue would send this appeal to (GET /catalogue/suggest), by name,
 * so the operator sees where a ticket is going before creating it; null when nothing applies.
 */
export function useRouteTo(
  categoryId: number | null,
  districtId: number | null,
  reference: ReferenceData | undefined,
  locale: Locale,
): string | null {
  const [found, setFound] = useState<{ key: string; leadUnitId: number | null } | null>(null);
  const key = `${categoryId}/${districtId}`;
  useEffect(() => {
    if (categoryId === null) return;
    const controller = new AbortController();
    api<Explanation>('GET', `/catalogue/suggest${qs({ categoryId, districtId })}`, undefined, {
      signal: controller.signal,
    })
      .then((result) => setFound({ key, leadUnitId: result.suggestion?.leadUnitId ?? null }))
      .catch(() => undefined); // no catalogue yet: the dispatcher decides
    return () => controller.abort();
  }, [key, categoryId, districtId]);
  if (categoryId === null || !found || found.key !== key || found.leadUnitId === null) return null;
  const unit = reference?.unitNames.get(found.leadUnitId);
  return unit ? (locale === 'en' ? unit.nameEn : unit.name) : null;
}
