// The measures and rankings as one person may see them, read from the measures module's
// services (`../measures/`): they check the roles and scope a coordinator to their district, so
// the report and the exports hold exactly what the dashboard shows that person.
import type { Actor } from '../../../platform/actor.js';
import type { SupervisionModule } from '../index.js';
import type { MeasuresReader } from './contract.js';

/** The part of the supervision module the reports read. */
export type MeasuresSource = Pick<SupervisionModule, 'measures' | 'rankings'>;

/** A reader acting as `actor`. */
export function measuresReaderFor(source: MeasuresSource, actor: Actor): MeasuresReader {
  return {
    measures: (query) => source.measures.query(actor, query),
    tickets: (query) => source.measures.tickets(actor, query),
    rankings: (month) => source.rankings.get(actor, month),
  };
}
