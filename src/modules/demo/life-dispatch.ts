import type { Life } from './life.js';
import { returnReason } from './texts.js';

// Dispatch (派单): the desk follows the catalogue (派单目录); local matters go to the district,
// whose coordinator hands them to the street, or straight to the street. A few orders go to the
// wrong unit first, which sends them back (退单) for review.

/** Dispatches the ticket until a unit holds it. */
export async function dispatchTicket(life: Life): Promise<void> {
  life.stopIf('pending_dispatch');
  if (life.plan.misrouted) {
    const kept = await misdispatch(life);
    if (kept) return;
  }
  await dispatchRightly(life);
}

const quick = (life: Life): [number, number] =>
  life.plan.urgency === 'normal' ? [5, 90] : [2, 15];

async function dispatchRightly(life: Life): Promise<void> {
  const { plan } = life;
  const { dispatch, catalogue } = life.deps.services;
  const [min, max] = quick(life);
  const local = plan.leaf.seed.route.lead === 'local';
  const roll = life.rng.next();
  const toStreet = local && (plan.toStreet || roll < 0.4);
  const viaDistrict = local && !toStreet && roll < 0.85;
  await life.step(life.later(min, max), async () => {
    const suggestion = await catalogue.catalogue.suggest(plan.leaf.id, plan.district.id);
    const leadUnitId = toStreet ? plan.street.id : (suggestion?.leadUnitId ?? plan.district.id);
    const coUnitIds = toStreet ? [] : (suggestion?.coUnitIds ?? []);
    await dispatch.service.dispatch(life.dispatcher(), life.ticketId, {
      leadUnitId,
      coUnitIds,
      reason: toStreet ? `属地事项，直派${plan.street.seed.name}` : null,
    });
    life.leadUnitId = leadUnitId;
    life.coUnitIds = coUnitIds;
  });
  if (!viaDistrict) return;
  // Stopped here, the order waits in the district's queue for its coordinator.
  life.stopIf('dispatched');
  // The district's coordinator hands the order on to the street where it happens (改派).
  const coordinator = life.deps.staff.coordinators.get(plan.district.id);
  if (!coordinator) return;
  await life.step(life.office(life.later(15, 120)), () =>
    dispatch.service.reassign(coordinator, life.ticketId, {
      leadUnitId: plan.street.id,
      reason: `属地管理，转${plan.street.seed.name}办理`,
    }),
  );
  life.leadUnitId = plan.street.id;
  life.coUnitIds = [];
}

/**
 * The desk sends the order to a wrong unit, which asks to return it. Accepted, the order is
 * dispatched again (false); refused, the wrong unit keeps it and handles it (true).
 */
async function misdispatch(life: Life): Promise<boolean> {
  const { plan } = life;
  const { dispatch, handling } = life.deps.services;
  const wrong = wrongUnit(life);
  await life.step(life.later(...quick(life)), () =>
    dispatch.service.dispatch(life.dispatcher(), life.ticketId, { leadUnitId: wrong }),
  );
  life.leadUnitId = wrong;
  life.coUnitIds = [];
  life.stopIf('dispatched');
  await life.step(life.office(life.later(20, 240)), () =>
    handling.service.requestReturn(
      life.handler(wrong),
      life.ticketId,
      returnReason(life.rng, life.unitName(wrong)),
    ),
  );
  life.stopIf('return_review');
  const refuse = life.rng.chance(0.15);
  await life.step(life.later(20, 240), async () => {
    const requestId = await pendingRequestId(life, 'return');
    await dispatch.requests.reviewReturn(life.dispatcher(), requestId, {
      decision: refuse ? 'refuse' : 'accept',
      reason: refuse
        ? '经审核，该事项属于贵单位职责范围，退单理由不成立，请继续办理。'
        : '退单理由成立，重新派单。',
    });
  });
  if (refuse) return true;
  plan.misrouted = false;
  life.leadUnitId = null;
  return false;
}

/** Another street of the same district, or for a city matter another department. */
function wrongUnit(life: Life): number {
  const { plan } = life;
  const streets = plan.district.streets.filter((s) => s.id !== plan.street.id);
  if (plan.leaf.seed.route.lead === 'local' && streets.length > 0) return life.rng.pick(streets).id;
  const right = plan.leaf.seed.route.lead;
  const others = [...life.deps.org.cityUnits]
    .filter(([code]) => code !== right)
    .map(([, id]) => id);
  return life.rng.pick(others);
}

/** The id of the ticket's pending return or extension request (the desk sees it in its queue). */
export async function pendingRequestId(life: Life, kind: 'return' | 'extension'): Promise<number> {
  const row = await life.deps.database.db
    .selectFrom('ticket_requests')
    .select('id')
    .where('ticket_id', '=', life.ticketId)
    .where('kind', '=', kind)
    .where('state', '=', 'pending')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`ticket ${life.number} has no pending ${kind} request`);
  return row.id;
}
