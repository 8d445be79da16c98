import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/** One line of GET /handling/queue: a ticket the unit still has to sign for or reply to. */
export interface QueueItem {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  urgency: string;
  categoryId: number | null;
  version: number;
  role: 'lead' | 'co';
  assignmentState: 'dispatched' | 'signed';
  dispatchedAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  dueKind: 'sign' | 'reply';
  dueAt: string | null;
  secondsLeft: number | null;
  overdue: boolean;
}

export interface Assignment {
  id: number;
  unitId: number;
  role: 'lead' | 'co';
  state: 'dispatched' | 'signed' | 'replied' | 'withdrawn';
  dispatchedAt: string;
  signedAt: string | null;
  repliedAt: string | null;
  replyText: string | null;
}

/** GET /tickets/:id, the fields these workspaces use (the citizen comes masked for units). */
export interface TicketView {
  id: number;
  number: string;
  status: string;
  appealType: string;
  categoryId: number | null;
  urgency: string;
  title: string;
  channel: string;
  address: string | null;
  districtId: number | null;
  streetId: number | null;
  citizenName: string | null;
  citizenPhone: string | null;
  citizenVisibility: 'full' | 'masked' | 'hidden';
  leadUnitId: number | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  repliedAt: string | null;
  overdue: boolean;
  createdAt: string;
  version: number;
  description: string;
  dispatchedAt: string | null;
  signedAt: string | null;
  replyText: string | null;
  assignments: Assignment[];
}

/** A row of GET /tickets (lists: the citizen always masked). */
export interface TicketListItem {
  id: number;
  number: string;
  status: string;
  urgency: string;
  title: string;
  categoryId: number | null;
  districtId: number | null;
  streetId: number | null;
  leadUnitId: number | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  overdue: boolean;
  createdAt: string;
  version: number;
}

export interface Attachment {
  id: number;
  ticketId: number;
  name: string;
  mime: string;
  size: number;
  purpose: 'appeal' | 'reply';
  createdAt: string;
}

export interface UnitRow {
  id: number;
  name: string;
  nameEn: string | null;
  type: string;
  parentId: number | null;
  districtId: number | null;
  active: boolean;
}

interface CategoryRow {
  id: number;
  name: string;
  nameEn: string | null;
  path: string[];
}

/** Ticket states in which a unit works on its dispatch (as the server's HANDLING_STATUSES). */
export const HANDLING_STATUSES = ['dispatched', 'in_progress', 'return_review'];

/** The deadline a ticket works against now: sign-for until signed, then the feedback. */
export function activeDeadline(ticket: {
  status: string;
  signDueAt: string | null;
  replyDueAt: string | null;
}): string | null {
  return ticket.status === 'dispatched' ? ticket.signDueAt : ticket.replyDueAt;
}

interface Reference {
  units: Map<number, UnitRow>;
  categories: Map<number, CategoryRow>;
}

// Units and categories change rarely: one load per page session, shared by both workspaces.
let referencePromise: Promise<Reference> | null = null;

function loadReference(): Promise<Reference> {
  referencePromise ??= Promise.all([
    api<{ items: UnitRow[] }>('GET', '/units?pageSize=1000'),
    api<{ items: CategoryRow[] }>('GET', '/categories'),
  ]).then(
    ([units, categories]) => ({
      units: new Map(units.items.map((unit) => [unit.id, unit])),
      categories: new Map(categories.items.map((category) => [category.id, category])),
    }),
    (error: unknown) => {
      referencePromise = null;
      throw error;
    },
  );
  return referencePromise;
}

/** Names of units and categories in the current language ('' until loaded). */
export function useNames() {
  const { locale } = useI18n();
  const [reference, setReference] = useState<Reference | null>(null);
  useEffect(() => {
    let live = true;
    loadReference()
      .then((value) => live && setReference(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const en = locale === 'en';
  return {
    units: reference?.units ?? new Map<number, UnitRow>(),
    unit: (id: number | null | undefined): string => {
      const unit = id ? reference?.units.get(id) : undefined;
      return unit ? (en ? (unit.nameEn ?? unit.name) : unit.name) : '';
    },
    category: (id: number | null | undefined): string => {
      const category = id ? reference?.categories.get(id) : undefined;
      if (!category) return '';
      return en ? (category.nameEn ?? category.name) : category.path.join(' › ');
    },
  };
}
