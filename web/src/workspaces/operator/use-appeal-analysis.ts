import { useEffect, useState } from 'react';
import { api } from '../../api';

/** The pause after the last keystroke before the appeal is analysed. */
const DEBOUNCE_MS = 400;

export type Referral = '110' | '119' | '120' | '122';

export interface PlaceCandidate {
  districtId: number;
  districtName: string;
  streetId: number | null;
  streetName: string | null;
  confidence: number;
}

export interface SuggestedPlace extends PlaceCandidate {
  source: 'address' | 'text' | 'coordinates';
  matched: string;
  alternatives: PlaceCandidate[];
}

export interface AppealAnalysis {
  place: SuggestedPlace | null;
  placeReason: 'no_place_named' | 'outside_every_district' | null;
  urgency: {
    level: 'emergency' | 'urgent' | 'normal';
    reasons: Array<{ phrase: string; danger: string; referral: Referral | null }>;
  };
}

/**
 * Reads the place and urgency of the appeal a moment after the operator stops typing; a newer
 * text aborts the older request. A failure only hides the suggestions.
 */
export function useAppealAnalysis(input: {
  title: string;
  description: string;
  address: string;
}): AppealAnalysis | null {
  const { title, description, address } = input;
  const [result, setResult] = useState<AppealAnalysis | null>(null);
  const enough = (title + description + address).trim().length >= 2;
  useEffect(() => {
    if (!enough) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<AppealAnalysis>(
        'POST',
        '/intelligence/analyse',
        {
          title: title.slice(0, 500),
          description: description.slice(0, 4000),
          address: address.slice(0, 500),
        },
        { signal: controller.signal },
      )
        .then(setResult)
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [title, description, address, enough]);
  return enough ? result : null;
}
