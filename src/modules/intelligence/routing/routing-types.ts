// The routing (智能派单) types shared by its rules, services and routes.

export type PlaceKind = 'city' | 'district' | 'street';
export type HandlingRole = 'lead' | 'co';

/** What the history says about one unit for one category in one place. */
export interface RoutingCount {
  categoryId: number;
  placeKind: PlaceKind;
  /** 0 for the whole city. */
  placeId: number;
  unitId: number;
  role: HandlingRole;
  /** Tickets the unit handled to the reply without a return. */
  handled: number;
  /** Accepted returns (退单) from the unit. */
  returned: number;
  /** Redistributions (改派) away from the unit, weighted (see REASSIGN_WEIGHT). */
  reassigned: number;
}

/**
 * One reason of a suggestion, as structured data so the web words it in zh-CN and en
 * ("目录规则 17；纳溪区同类工单 94% 交由 …").
 */
export type ExplanationPart =
  | {
      kind: 'catalogue';
      ruleId: number;
      versionId: number;
      role: HandlingRole;
      districtSpecific: boolean;
      /** 0: a rule of the category itself, 1: of its parent, 2: of its grandparent. */
      ancestorDistance: number;
    }
  | {
      kind: 'history';
      scope: PlaceKind;
      placeId: number | null;
      placeName: string | null;
      categoryId: number;
      categoryName: string;
      /** True when the ticket's own category had no history and a broader one was used. */
      broaderCategory: boolean;
      /** Similar tickets this unit handled (as lead, or as co-handler for a co suggestion). */
      count: number;
      /** Similar tickets handled in that place. */
      total: number;
      share: number;
    }
  | {
      kind: 'returns';
      scope: PlaceKind;
      placeName: string | null;
      returned: number;
      reassigned: number;
    }
  | { kind: 'thin_evidence'; total: number }
  | { kind: 'no_history' };

export interface RouteSuggestion {
  unitId: number;
  unitName: string;
  /** A smoothed share of similar tickets the unit handled without return, 0..1. */
  confidence: number;
  role: HandlingRole;
  explanation: ExplanationPart[];
}

/** Auto-dispatch settings (admin). */
export interface RoutingSettings {
  enabled: boolean;
  /** Confidence from which a ticket is dispatched without a person. */
  threshold: number;
  /** Whether emergency tickets may be dispatched automatically (default: never). */
  allowEmergency: boolean;
  /** Categories (and their subtrees) always left to a person. */
  excludedCategoryIds: number[];
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  enabled: false,
  threshold: 0.9,
  allowEmergency: false,
  excludedCategoryIds: [],
};
