import type { Actor, Role } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { hashPassword } from '../../platform/password.js';
import type { UserService } from '../auth/index.js';
import type { Random } from './random.js';
import type { SeededOrganisation } from './seed-organisation.js';
import { personName } from './texts.js';

/** The password of every demo account (printed at start; change it outside a demo). */
export const DEMO_PASSWORD = 'demo12345';

/** One demo login per role: the accounts a visitor tries first. */
export interface DemoLoginSpec {
  username: string;
  role: Role;
  /** Where the account sits: the centre, 江阳区 or its 南城街道. */
  place: 'centre' | 'jiangyang' | 'nancheng';
}

export const DEMO_LOGIN_SPECS: readonly DemoLoginSpec[] = [
  { username: 'operator', role: 'operator', place: 'centre' },
  { username: 'dispatcher', role: 'dispatcher', place: 'centre' },
  { username: 'coordinator', role: 'coordinator', place: 'jiangyang' },
  { username: 'handler', role: 'handler', place: 'nancheng' },
  { username: 'callback', role: 'callback_agent', place: 'centre' },
  { username: 'supervisor', role: 'supervisor', place: 'centre' },
  { username: 'analyst', role: 'analyst', place: 'centre' },
  { username: 'kbeditor', role: 'kb_editor', place: 'centre' },
  { username: 'admin', role: 'admin', place: 'centre' },
  { username: 'citizen', role: 'citizen', place: 'centre' },
];

export const PLACE_NAMES: Record<DemoLoginSpec['place'], string> = {
  centre: '泸州市12345政务服务便民热线中心',
  jiangyang: '江阳区',
  nancheng: '江阳区南城街道',
};

/** The people the simulated history is made by. */
export interface Staff {
  admin: Actor;
  operators: Actor[];
  dispatchers: Actor[];
  callbackAgents: Actor[];
  /** District coordinators (区县协调督办) by district unit id. */
  coordinators: Map<number, Actor>;
  /** One handler (承办人) per handling unit, by unit id. */
  handlers: Map<number, Actor>;
}

interface Account {
  username: string;
  roles: Role[];
  unitId: number;
  districtId: number | null;
}

/**
 * Creates the demo logins through the auth module's user administration (as the system), and
 * the staff of every unit directly; every account has DEMO_PASSWORD.
 */
export async function seedUsers(
  users: UserService,
  database: Database,
  org: SeededOrganisation,
  rng: Random,
  at: string,
): Promise<Staff> {
  const jiangyang = org.districts.find((d) => d.seed.key === 'jy');
  const nancheng = jiangyang?.streets.find((s) => s.seed.key === 'nancheng');
  if (!jiangyang || !nancheng) throw new Error('the demo needs 江阳区 and its 南城街道');
  const placeOf = { centre: org.centreId, jiangyang: jiangyang.id, nancheng: nancheng.id };
  const districtOf = { centre: null, jiangyang: jiangyang.id, nancheng: jiangyang.id };

  const accounts: Account[] = DEMO_LOGIN_SPECS.map((spec) => ({
    username: spec.username,
    roles: [spec.role],
    unitId: placeOf[spec.place],
    districtId: districtOf[spec.place],
  }));
  const centre = (username: string, role: Role): Account => ({
    username,
    roles: [role],
    unitId: org.centreId,
    districtId: null,
  });
  for (const n of [2, 3, 4, 5, 6]) accounts.push(centre(`op0${n}`, 'operator'));
  accounts.push(centre('disp02', 'dispatcher'), centre('cb02', 'callback_agent'));
  for (const district of org.districts) {
    const { key } = district.seed;
    const local = { unitId: district.id, districtId: district.id };
    if (key !== 'jy') accounts.push({ username: `coord-${key}`, roles: ['coordinator'], ...local });
    accounts.push({ username: `h-${key}`, roles: ['handler'], ...local });
    for (const street of district.streets) {
      if (street.id === nancheng.id) continue;
      accounts.push({
        username: `h-${key}-${street.seed.key}`,
        roles: ['handler'],
        unitId: street.id,
        districtId: district.id,
      });
    }
  }
  for (const [code, unitId] of org.cityUnits)
    accounts.push({ username: `h-${code}`, roles: ['handler'], unitId, districtId: null });

  // The demo logins go through user administration; the staff of every unit (a hundred
  // accounts) share one password hash, which spares a hundred scrypt runs on every first start.
  const logins = accounts.filter((a) => DEMO_LOGIN_SPECS.some((s) => s.username === a.username));
  const staff = accounts.filter((a) => !logins.includes(a));
  const named = (account: Account) => ({ account, displayName: personName(rng) });
  const [first, rest] = [logins.map(named), staff.map(named)];
  const actors = await Promise.all(
    first.map(async ({ account, displayName }): Promise<Actor> => {
      const user = await users.createUser('system', {
        username: account.username,
        displayName,
        password: DEMO_PASSWORD,
        unitId: account.unitId,
        roles: account.roles,
      });
      return toActor(user.id, account, displayName);
    }),
  );
  actors.push(...(await insertStaff(database, rest, at)));
  return staffOf(actors);
}

const toActor = (userId: number, account: Account, displayName: string): Actor => ({
  userId,
  username: account.username,
  displayName,
  unitId: account.unitId,
  districtId: account.districtId,
  roles: account.roles,
  via: 'session',
});

async function insertStaff(
  database: Database,
  accounts: Array<{ account: Account; displayName: string }>,
  at: string,
): Promise<Actor[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return database.write(async (trx) => {
    const actors: Actor[] = [];
    for (const { account, displayName } of accounts) {
      const { id } = await trx
        .insertInto('users')
        .values({
          username: account.username,
          display_name: displayName,
          password_hash: passwordHash,
          unit_id: account.unitId,
          active: 1,
          failed_logins: 0,
          locked_until: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const role of account.roles)
        await trx.insertInto('user_roles').values({ user_id: id, role }).execute();
      actors.push(toActor(id, account, displayName));
    }
    return actors;
  });
}

function staffOf(actors: Actor[]): Staff {
  const withRole = (role: Role) => actors.filter((a) => a.roles.includes(role));
  const admin = withRole('admin')[0];
  if (!admin) throw new Error('no demo admin');
  const coordinators = new Map<number, Actor>();
  for (const actor of withRole('coordinator')) coordinators.set(actor.unitId, actor);
  const handlers = new Map<number, Actor>();
  for (const actor of withRole('handler')) handlers.set(actor.unitId, actor);
  return {
    admin,
    operators: withRole('operator'),
    dispatchers: withRole('dispatcher'),
    callbackAgents: withRole('callback_agent'),
    coordinators,
    handlers,
  };
}
