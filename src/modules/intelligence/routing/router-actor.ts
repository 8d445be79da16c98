// The router acts under an account of its own, so its dispatches carry an actor like anyone's
// and the ticket's history names it ("智能派单"). The account is created on first use, is never
// active and has no password: nobody can log in with it. Its username holds a colon, which the
// user rules refuse, so no person's account can ever be taken for it.
import type { Actor } from '../../../platform/actor.js';
import type { Executor } from '../intelligence.repository.js';

export const ROUTER_USERNAME = 'system:router';
export const ROUTER_DISPLAY_NAME = '智能派单';

/** The router's actor: a city-level dispatcher of the centre; null while there is no centre. */
export async function routerActor(db: Executor, at: string): Promise<Actor | null> {
  const centre = await db
    .selectFrom('units')
    .select('id')
    .where('type', '=', 'centre')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!centre) return null;
  await db
    .insertInto('users')
    .values({
      username: ROUTER_USERNAME,
      display_name: ROUTER_DISPLAY_NAME,
      password_hash: '!',
      unit_id: centre.id,
      active: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  const user = await db
    .selectFrom('users')
    .select(['id', 'unit_id'])
    .where('username', '=', ROUTER_USERNAME)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_roles')
    .values({ user_id: user.id, role: 'dispatcher' })
    .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
    .execute();
  return {
    userId: user.id,
    username: ROUTER_USERNAME,
    displayName: ROUTER_DISPLAY_NAME,
    unitId: user.unit_id,
    districtId: null,
    roles: ['dispatcher'],
    via: 'cli',
  };
}
