// Who may do what in the knowledge base (DOMAIN.md: kb_editor "keep answers current, with owner
// and review date"). A unit's editors keep their unit's articles; the centre's editors keep all
// of them and are the only ones who publish.
import { hasRole, requireRoles, type Actor, type Role } from '../../platform/actor.js';
import { ForbiddenError } from '../../platform/errors.js';

/** The actor, with what the knowledge base needs to know about their unit. */
export interface KnowledgeActor {
  actor: Actor;
  /** A kb_editor whose unit is the centre. */
  centreEditor: boolean;
}

export const EDITOR_ROLES: Role[] = ['kb_editor'];
/** Editors' lists: their unit's articles; these roles see every unit's. */
const OVERSEER_ROLES: Role[] = ['admin', 'supervisor'];
export const REPORT_ROLES: Role[] = ['supervisor', 'analyst', 'kb_editor', 'admin'];
/** Who records "no answer found" while taking a contact. */
export const GAP_ROLES: Role[] = ['operator', 'dispatcher'];

/** Every role that works in the centre or a unit (everyone but citizens). */
export const isStaff = (actor: Actor): boolean => actor.roles.some((role) => role !== 'citizen');

export function requireStaff(actor: Actor): Actor {
  if (!isStaff(actor)) throw new ForbiddenError('The knowledge base is for staff', 'ROLE_REQUIRED');
  return actor;
}

export function requireEditor(actor: Actor): Actor {
  return requireRoles(actor, EDITOR_ROLES, 'Only a knowledge-base editor can do this');
}

/** Sees every unit's articles in the editors' list (and their working copies). */
export const seesAllArticles = (who: KnowledgeActor): boolean =>
  who.centreEditor || hasRole(who.actor, ...OVERSEER_ROLES);

/** Sees an article's working copy (not only its live version). */
export const seesWorkingCopy = (who: KnowledgeActor, ownerUnitId: number): boolean =>
  seesAllArticles(who) || (hasRole(who.actor, ...EDITOR_ROLES) && who.actor.unitId === ownerUnitId);

/** Refuses an editor outside the owner unit (a centre editor may edit any article). */
export function assertCanEdit(who: KnowledgeActor, ownerUnitId: number): void {
  requireEditor(who.actor);
  if (!who.centreEditor && who.actor.unitId !== ownerUnitId) {
    throw new ForbiddenError(
      "Only the owner unit's editors and the centre's editors can change this article",
      'KNOWLEDGE_NOT_YOUR_UNIT',
    );
  }
}

/** Refuses giving an article to another unit, unless a centre editor does it. */
export function assertCanOwn(who: KnowledgeActor, ownerUnitId: number): void {
  if (!who.centreEditor && who.actor.unitId !== ownerUnitId) {
    throw new ForbiddenError(
      "Only a centre editor can make another unit an article's owner",
      'KNOWLEDGE_NOT_YOUR_UNIT',
    );
  }
}

/** Publishing and rejecting are the centre editors' (the centre answers for what operators say). */
export function assertCentreEditor(who: KnowledgeActor): void {
  requireEditor(who.actor);
  if (!who.centreEditor) {
    throw new ForbiddenError(
      'Only an editor of the centre can approve or reject an article',
      'KNOWLEDGE_CENTRE_EDITOR_REQUIRED',
    );
  }
}
