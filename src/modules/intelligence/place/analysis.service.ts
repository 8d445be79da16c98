// What the operator's form learns from an appeal while it is typed: the place it names (from the
// address, else the reported position, else the appeal's own words) and whether it is about a
// danger, with the emergency service to refer to. Suggestions only: the operator confirms.
import type { Actor, Role } from '../../../platform/actor.js';
import { requireRoles } from '../../../platform/actor.js';
import { ValidationError } from '../../../platform/errors.js';
import { unitAt } from '../../open311/index.js';
import { appealText } from '../intelligence-context.js';
import { assessUrgency, type UrgencyAssessment } from '../urgency/urgency-rules.js';
import type { PlaceDirectory } from './place-directory.js';
import { findPlace, type PlaceCandidate, type PlaceMatch } from './place-index.js';

/** Who may ask: the operator's form, the dispatch desk, the supervisors. */
export const ANALYSE_ROLES: readonly Role[] = ['operator', 'dispatcher', 'supervisor'];

export const ANALYSE_LIMITS = { title: 500, description: 4000, address: 500 } as const;

export type PlaceSource = 'address' | 'text' | 'coordinates';

export interface SuggestedPlace extends PlaceCandidate {
  source: PlaceSource;
  matched: string;
  alternatives: PlaceCandidate[];
}

/** Why no place is suggested. */
export type NoPlaceReason = 'no_place_named' | 'outside_every_district';

export interface AppealAnalysis {
  place: SuggestedPlace | null;
  /** Set when `place` is null. */
  placeReason: NoPlaceReason | null;
  urgency: UrgencyAssessment;
}

export interface AnalyseInput {
  title?: string;
  description?: string;
  address?: string;
  lat?: number;
  lng?: number;
}

/** A polygon says which district for sure, up to the fuzz of a boundary drawn at city scale. */
const POSITION_CONFIDENCE = 0.9;
/** Words of the description, not an address: they may name a place for another reason. */
const TEXT_FACTOR = 0.9;
/** An address contradicted by the reported position. */
const POSITION_CONFLICT = 0.6;
const MAX_CONFIDENCE = 0.97;

const round = (value: number) => Math.round(Math.min(MAX_CONFIDENCE, value) * 100) / 100;

function checkLength(field: keyof typeof ANALYSE_LIMITS, value: string | undefined): void {
  const limit = ANALYSE_LIMITS[field];
  if (value !== undefined && value.length > limit)
    throw new ValidationError(field, `${field} must have at most ${limit} characters`, undefined, {
      rule: 'maxLength',
      limit,
    });
}

function checkPosition(lat: number | undefined, lng: number | undefined): void {
  if ((lat === undefined) !== (lng === undefined)) {
    const missing = lat === undefined ? 'lat' : 'lng';
    throw new ValidationError(missing, `${missing} is required with a position`, undefined, {
      rule: 'required',
    });
  }
  if (lat !== undefined && !(lat >= -90 && lat <= 90))
    throw new ValidationError('lat', 'lat must be between -90 and 90', undefined, {
      rule: 'maximum',
      limit: 90,
    });
  if (lng !== undefined && !(lng >= -180 && lng <= 180))
    throw new ValidationError('lng', 'lng must be between -180 and 180', undefined, {
      rule: 'maximum',
      limit: 180,
    });
}

export class AppealAnalysisService {
  constructor(private readonly directory: PlaceDirectory) {}

  /** The place and urgency an appeal suggests; ValidationError when there is nothing to read. */
  async analyse(actor: Actor, input: AnalyseInput): Promise<AppealAnalysis> {
    requireRoles(actor, ANALYSE_ROLES);
    checkLength('title', input.title);
    checkLength('description', input.description);
    checkLength('address', input.address);
    checkPosition(input.lat, input.lng);
    const text = appealText(input.title ?? '', input.description ?? '');
    const address = (input.address ?? '').trim();
    const hasPosition = input.lat !== undefined && input.lng !== undefined;
    if (!text && !address && !hasPosition)
      throw new ValidationError('description', 'give a text, an address or a position', undefined, {
        rule: 'required',
      });

    const { index, areas } = await this.directory.places();
    const fromAddress = address ? findPlace(index, address) : null;
    const fromText = text ? findPlace(index, text) : null;
    const atPosition = hasPosition ? unitAt(areas, input.lat!, input.lng!) : null;

    let place: SuggestedPlace | null = null;
    if (fromAddress) place = withPosition({ ...fromAddress, source: 'address' }, atPosition);
    else if (atPosition) place = fromPosition(atPosition, input.lat!, input.lng!, fromText);
    else if (fromText)
      place = {
        ...fromText,
        source: 'text',
        confidence: round(fromText.confidence * TEXT_FACTOR),
        alternatives: fromText.alternatives.map((a) => ({
          ...a,
          confidence: round(a.confidence * TEXT_FACTOR),
        })),
      };
    const placeReason: NoPlaceReason | null = place
      ? null
      : hasPosition
        ? 'outside_every_district'
        : 'no_place_named';
    return { place, placeReason, urgency: assessUrgency(text) };
  }
}

/** The address's place, surer when the reported position lies in its district, less when not. */
function withPosition(
  place: PlaceMatch & { source: PlaceSource },
  at: { id: number; name: string } | null,
): SuggestedPlace {
  if (!at) return place;
  if (at.id === place.districtId)
    return {
      ...place,
      confidence: round(1 - (1 - place.confidence) * (1 - POSITION_CONFIDENCE)),
    };
  return {
    ...place,
    confidence: round(place.confidence * POSITION_CONFLICT),
    alternatives: [
      {
        districtId: at.id,
        districtName: at.name,
        streetId: null,
        streetName: null,
        confidence: round(POSITION_CONFIDENCE * POSITION_CONFLICT),
      },
      ...place.alternatives.filter((a) => !(a.districtId === at.id && a.streetId === null)),
    ],
  };
}

/** The district whose polygon holds the position, with a street of it if the text names one. */
function fromPosition(
  at: { id: number; name: string },
  lat: number,
  lng: number,
  fromText: PlaceMatch | null,
): SuggestedPlace {
  const readings = fromText ? [fromText, ...fromText.alternatives] : [];
  const street = readings.find((r) => r.districtId === at.id && r.streetId !== null);
  return {
    districtId: at.id,
    districtName: at.name,
    streetId: street?.streetId ?? null,
    streetName: street?.streetName ?? null,
    confidence: POSITION_CONFIDENCE,
    source: 'coordinates',
    matched: `${lat.toFixed(5)},${lng.toFixed(5)}`,
    alternatives: readings
      .filter((r) => r.districtId !== at.id)
      .slice(0, 3)
      .map((r) => ({
        districtId: r.districtId,
        districtName: r.districtName,
        streetId: r.streetId,
        streetName: r.streetName,
        confidence: round(r.confidence * TEXT_FACTOR * POSITION_CONFLICT),
      })),
  };
}
