// The duplicates scorer's answers (POST /intelligence/duplicates and the ticket and queue reads).
import type { TicketStatus } from '../tickets/types';

export interface DuplicateParts {
  text: number;
  category: 'same' | 'same_top' | 'unknown' | 'different';
  matter: number;
  placeMatch: 'same_address' | 'nearby' | 'same_street' | 'same_district' | 'unknown' | 'different';
  distanceM: number | null;
  place: number;
  hoursApart: number;
  time: number;
}

export interface DuplicateCandidate {
  ticketId: number;
  number: string;
  title: string;
  status: TicketStatus;
  channel: string;
  districtId: number | null;
  address: string | null;
  createdAt: string;
  score: number;
  likely: boolean;
  parts: DuplicateParts;
}
