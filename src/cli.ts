import fs from 'node:fs';
import path from 'node:path';
import { createServices } from './composition.js';
import { loadConfigOrExit, type Config } from './config.js';
import { systemClock } from './platform/clock.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { migrateDown, migrateToLatest } from './platform/db/migrate.js';
import { isRole } from './platform/actor.js';
import { seedDemo } from './modules/demo/index.js';
import { exportTickets } from './modules/tickets/index.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                         bring the database schema up to date
  migrate:down                    undo the newest migration
  seed [--tickets N] [--months M] seed the Luzhou demo city into an empty database
  create-user <username> <password> <unitCode> <role[,role]> [displayName]
  reset-password <username> <newPassword>
  export-tickets [--format csv|json] [--out FILE] [--from ISO] [--to ISO]
                                  export tickets (citizen data masked unless --unmasked)
  knowledge:remind                notify owner units of knowledge articles due for review
  knowledge:export --as <editor> --dir DIR
                                  write every article the editor may see as DIR/article-<id>.md
  knowledge:import --as <editor> FILE...
                                  load articles from .md and .csv files, all or none
  measures:rebuild                recompute the measures' rollups from every ticket

Configuration comes from the environment (DATABASE_URL, DATA_DIR, ...), as for npm start.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function run(
  command: string | undefined,
  args: string[],
  database: Database,
  config: Config,
): Promise<number> {
  switch (command) {
    case 'migrate':
      for (const line of await migrateToLatest(database)) console.log(line);
      console.log('schema is up to date');
      return 0;
    case 'migrate:down':
      for (const line of await migrateDown(database)) console.log(line);
      return 0;
    case 'seed': {
      await migrateToLatest(database);
      const services = createServices(database, config, systemClock);
      const tickets = Number(option(args, '--tickets') ?? 3000);
      const months = Number(option(args, '--months') ?? 6);
      const result = await seedDemo(database, services, systemClock, { tickets, months });
      console.log(
        result
          ? `seeded Luzhou with ${result.tickets} tickets`
          : 'the database already has data: nothing seeded',
      );
      return 0;
    }
    case 'create-user': {
      const [username, password, unitCode, roleList, displayName] = args;
      if (!username || !password || !unitCode || !roleList) {
        console.error('create-user needs <username> <password> <unitCode> <role[,role]>');
        return 2;
      }
      const roles = roleList.split(',');
      const unknown = roles.filter((r) => !isRole(r));
      if (unknown.length) {
        console.error(`unknown role(s): ${unknown.join(', ')}`);
        return 2;
      }
      await migrateToLatest(database);
      const unit = await database.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', unitCode)
        .executeTakeFirst();
      if (!unit) {
        console.error(`no unit with code ${unitCode}`);
        return 2;
      }
      const services = createServices(database, config, systemClock);
      const user = await services.auth.users.createUser('system', {
        username,
        password,
        displayName: displayName ?? username,
        unitId: unit.id,
        roles: roles.filter(isRole),
      });
      console.log(`created user ${user.username} (id ${user.id})`);
      return 0;
    }
    case 'reset-password': {
      const [username, password] = args;
      if (!username || !password) {
        console.error('reset-password needs <username> <newPassword>');
        return 2;
      }
      const services = createServices(database, config, systemClock);
      await services.auth.users.resetPassword('system', username, password);
      console.log(`password of ${username} reset; the account is unlocked`);
      return 0;
    }
    case 'export-tickets': {
      const format = option(args, '--format') ?? 'csv';
      if (format !== 'csv' && format !== 'json') {
        console.error('--format must be csv or json');
        return 2;
      }
      const out = option(args, '--out');
      const stream = out ? fs.createWriteStream(out) : process.stdout;
      const count = await exportTickets(database, stream, {
        format,
        from: option(args, '--from'),
        to: option(args, '--to'),
        unmasked: args.includes('--unmasked'),
      });
      if (out) {
        await new Promise<void>((resolve) => (stream as fs.WriteStream).end(resolve));
        console.error(`exported ${count} tickets to ${out}`);
      }
      return 0;
    }
    case 'measures:rebuild': {
      await migrateToLatest(database);
      const services = createServices(database, config, systemClock);
      const result = await services.supervision.rollups.rebuild();
      console.log(`rebuilt the measures of ${result.tickets} tickets (${result.facts} facts)`);
      return 0;
    }
    case 'knowledge:remind': {
      await migrateToLatest(database);
      const services = createServices(database, config, systemClock);
      const created = await services.knowledge.reviews.remindDueReviews();
      console.log(`${created} new review reminder(s)`);
      return 0;
    }
    case 'knowledge:export':
    case 'knowledge:import': {
      const username = option(args, '--as');
      if (!username) {
        console.error(`${command} needs --as <username> of a knowledge editor`);
        return 2;
      }
      await migrateToLatest(database);
      const services = createServices(database, config, systemClock);
      const actor = await services.auth.service.actorOfUsername(username);
      if (!actor) {
        console.error(`no active user ${username}`);
        return 2;
      }
      if (command === 'knowledge:export') {
        const dir = option(args, '--dir');
        if (!dir) {
          console.error('knowledge:export needs --dir DIR');
          return 2;
        }
        fs.mkdirSync(dir, { recursive: true });
        let written = 0;
        for (let page = 1; ; page++) {
          const { items, total } = await services.knowledge.query.list(actor, {
            page,
            pageSize: 100,
          });
          for (const article of items) {
            const file = await services.knowledge.transfer.markdownOf(actor, article.id);
            fs.writeFileSync(path.join(dir, file.filename), file.text);
            written++;
          }
          if (items.length === 0 || page * 100 >= total) break;
        }
        console.log(`wrote ${written} articles to ${dir}`);
        return 0;
      }
      const names = args.filter((arg, i) => arg !== '--as' && args[i - 1] !== '--as');
      const files = names.map((name) => ({
        name: path.basename(name),
        text: fs.readFileSync(name, 'utf8'),
      }));
      const result = await services.knowledge.transfer.import(actor, files);
      for (const problem of result.errors) console.error(JSON.stringify(problem));
      console.log(`created ${result.created}, updated ${result.updated}`);
      return result.errors.length > 0 ? 1 : 0;
    }
    default:
      console.log(USAGE);
      return command === undefined || command === 'help' ? 0 : 2;
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfigOrExit();
  const database = openDatabase({ url: config.databaseUrl });
  try {
    process.exitCode = await run(command, args, database, config);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

void main();
