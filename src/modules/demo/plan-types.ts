// The shape of the demo's planned history (history-plan.ts makes it, the life-cycles play it).
import type { AppealType, Channel, Urgency } from '../tickets/index.js';
import type { SeededLeaf } from './seed-categories.js';
import type { SeededDistrict, SeededStreet } from './seed-organisation.js';
import type { AppealPlace, AppealText } from './texts.js';

/** Where a life-cycle stops before its natural end (open tickets, every state on screen). */
export const STOP_POINTS = [
  'received',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_review',
  'replied',
] as const;
export type StopPoint = (typeof STOP_POINTS)[number];

/** How an appeal ends at intake, without a unit: answered, referred or invalid. */
export type IntakeClose = 'direct_answer' | 'referral' | 'invalid';

/** A group of appeals about one incident: the first is the parent the others are merged into. */
export interface Incident {
  parentId: Promise<number>;
  resolveParent: (id: number) => void;
  rejectParent: (error: unknown) => void;
  childIds: number[];
  /**
   * The parent's and the children's steps touch each other's tickets: they run one at a time
   * (`turn` is the tail of that queue), never earlier than the last one (`lastAt`).
   */
  turn: Promise<void>;
  lastAt: number;
}

export interface PlannedTicket {
  index: number;
  at: number;
  leaf: SeededLeaf;
  district: SeededDistrict;
  street: SeededStreet;
  channel: Channel;
  appealType: AppealType;
  urgency: Urgency;
  confidential: boolean;
  contactRequired: boolean;
  citizenName: string;
  citizenPhone: string;
  /** Where it happens, as the texts name it. */
  where: AppealPlace;
  text: AppealText;
  lat: number | null;
  lng: number | null;
  closeAtIntake: IntakeClose | null;
  /** For a direct answer: what the operator said (default: from the knowledge of the matter). */
  answer?: string;
  /** For a referral: where to (110/119/122/other) and why. */
  referral: { target: string; reason: string } | null;
  /** The dispatcher first sends it to a wrong unit, which returns it (退单). */
  misrouted: boolean;
  /** A local matter the desk dispatches straight to the street (not via the district). */
  toStreet: boolean;
  stopAfter: StopPoint | null;
  /** Played in minutes rather than days, to reach its stop point before "now". */
  hurry: boolean;
  incident: { role: 'parent' | 'child'; group: Incident } | null;
  /** Seed of the life-cycle's own decisions. */
  seed: number;
}

export interface PlanOptions {
  tickets: number;
  start: number;
  end: number;
  seed: number;
}

/** Written messages (web, app, WeChat...) wait in `received` until an operator takes them. */
export const isSelfService = (channel: Channel): boolean =>
  channel !== 'phone' && channel !== 'walk_in';
