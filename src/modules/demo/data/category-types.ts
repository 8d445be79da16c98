import type { AppealType, Urgency } from '../../tickets/index.js';

/**
 * Who leads a matter in the dispatch catalogue: `local` is the district/county where it happens
 * (the dispatcher or the district coordinator hands it to the street/town); otherwise the code of
 * a city department or utility, optionally with co-handlers (`coLocal`: the district co-handles).
 */
export interface RouteSeed {
  lead: 'local' | (string & {});
  co?: string[];
  coLocal?: boolean;
}

/**
 * A leaf matter (三级分类) with what the demo needs to write believable tickets about it.
 * Texts use placeholders filled by the text generator: {place} {estate} {street} {district}
 * {days} {n} {hour} {shop} {company} {route} {plate} {amount} {school} {months}.
 */
export interface LeafSeed {
  name: string;
  nameEn: string;
  keywords: string[];
  route: RouteSeed;
  /** Relative volume of appeals (default 1). */
  weight?: number;
  /** The usual appeal type (default complaint). */
  appeal?: AppealType;
  urgency?: Urgency;
  /** Mostly answered on the spot by the operator (policy questions). */
  directAnswer?: boolean;
  /** Short titles; the title at index i goes with the details at index i (modulo). */
  titles: string[];
  details: string[];
  /** What the unit did, one or two sentences. */
  reply: string;
}

export interface GroupSeed {
  name: string;
  nameEn: string;
  keywords?: string[];
  leaves: LeafSeed[];
}

export interface TopSeed {
  name: string;
  nameEn: string;
  keywords?: string[];
  groups: GroupSeed[];
}

export const LOCAL: RouteSeed = { lead: 'local' };
