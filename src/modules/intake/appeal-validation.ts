import { DomainError, ValidationError } from '../../platform/errors.js';
import type { CategoryService } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import {
  APPEAL_TYPES,
  CHANNELS,
  URGENCIES,
  type AppealType,
  type Channel,
  type Ticket,
  type Urgency,
} from '../tickets/index.js';
import {
  checkCoordinates,
  defaultTitle,
  LIMITS,
  normalisePhone,
  optionalText,
  requireText,
} from './appeal-rules.js';

/** An appeal as a client sends it. */
export interface AppealInput {
  channel: Channel;
  appealType: AppealType;
  categoryId?: number | null;
  urgency?: Urgency;
  title?: string | null;
  description: string;
  address?: string | null;
  districtId?: number | null;
  streetId?: number | null;
  lat?: number | null;
  lng?: number | null;
  citizenName?: string | null;
  citizenPhone?: string | null;
  confidential?: boolean;
  contactRequired?: boolean;
}

/** An appeal after validation: every field present, text trimmed, the phone normalised. */
export type ValidAppeal = Pick<
  Ticket,
  | 'channel'
  | 'appealType'
  | 'categoryId'
  | 'urgency'
  | 'title'
  | 'description'
  | 'address'
  | 'districtId'
  | 'streetId'
  | 'lat'
  | 'lng'
  | 'citizenName'
  | 'citizenPhone'
  | 'confidential'
  | 'contactRequired'
>;

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new ValidationError(
    field,
    `${field} must be one of ${allowed.join(', ')}`,
    'VALIDATION_FAILED',
    {
      rule: 'enum',
      allowed: [...allowed],
    },
  );
}

/** Checks an appeal's fields and its references (category, district, street); each error names its field. */
export class AppealValidator {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly categories: CategoryService,
  ) {}

  async validate(input: AppealInput): Promise<ValidAppeal> {
    const description = requireText('description', input.description, LIMITS.description);
    const place = await this.place(input.districtId ?? null, input.streetId ?? null);
    return {
      channel: oneOf('channel', input.channel, CHANNELS),
      appealType: oneOf('appealType', input.appealType, APPEAL_TYPES),
      urgency: oneOf('urgency', input.urgency ?? 'normal', URGENCIES),
      description,
      title: optionalText('title', input.title, LIMITS.title) ?? defaultTitle(description),
      address: optionalText('address', input.address, LIMITS.address),
      citizenName: optionalText('citizenName', input.citizenName, LIMITS.name),
      citizenPhone: normalisePhone('citizenPhone', input.citizenPhone),
      ...checkCoordinates(input.lat, input.lng),
      categoryId: await this.category(input.categoryId ?? null),
      ...place,
      confidential: input.confidential ?? false,
      contactRequired: input.contactRequired ?? false,
    };
  }

  /** An active category, or a ValidationError on categoryId. */
  async category(id: number | null): Promise<number | null> {
    if (id === null) return null;
    try {
      const category = await this.categories.getCategory(id);
      if (!category.active) throw new ValidationError('categoryId', `Category ${id} is retired`);
      return category.id;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CATEGORY_NOT_FOUND') {
        throw new ValidationError('categoryId', `Category ${id} does not exist`);
      }
      throw error;
    }
  }

  /**
   * The district must be a unit of type district (区/县); the street a street or town (街道/乡镇)
   * of that district. A street alone implies its district.
   */
  async place(
    districtId: number | null,
    streetId: number | null,
  ): Promise<{ districtId: number | null; streetId: number | null }> {
    const units = await this.organisation.getUnits(
      [districtId, streetId].filter((id) => id !== null),
    );
    if (districtId !== null) {
      const district = units.get(districtId);
      if (!district || district.type !== 'district' || !district.active) {
        throw new ValidationError('districtId', `Unit ${districtId} is not a district`);
      }
    }
    if (streetId === null) return { districtId, streetId };
    const street = units.get(streetId);
    if (!street || street.type !== 'street' || !street.active) {
      throw new ValidationError('streetId', `Unit ${streetId} is not a street or town`);
    }
    if (districtId !== null && street.districtId !== districtId) {
      throw new ValidationError('streetId', `Street ${streetId} is not in district ${districtId}`);
    }
    return { districtId: street.districtId, streetId };
  }
}
