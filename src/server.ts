import { buildApp } from './app.js';
import { createServices } from './composition.js';
import { loadConfigOrExit, type Config } from './config.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/database.js';
import { startBackground } from './platform/background.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoIfEmpty } from './modules/demo/index.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const database = openDatabase({
    url: config.databaseUrl,
    groupCommitMs: config.groupCommitMs,
    poolSize: config.databasePoolSize,
  });
  await migrateToLatest(database);
  const services = createServices(database, config, systemClock);
  const app = await buildApp({ config, services });
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database, services, systemClock);
    if (seeded) app.log.info({ tickets: seeded.tickets }, 'seeded the demo city of Luzhou');
  }

  let stopBackground: () => Promise<void> = async () => undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing in-flight requests');
    // Connections still open after the grace period (a client that never reads its 503, a
    // keep-alive that never idles) are cut, so a stop always ends.
    setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs).unref();
    await app.close();
    await stopBackground();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const address = await app.listen({ host: config.host, port: config.port });
  // Timers, listeners and connections of the modules (reminders, channel listeners, the phone switch).
  stopBackground = await startBackground(Object.values(services), app.log);
  printWelcome(address, config);
}

function printWelcome(address: string, config: Config): void {
  const dbLabel = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : 'PostgreSQL';
  const lines = [
    '',
    `OpenHotline is running at ${address}  (API docs: ${address}/api/docs)`,
    `Database: ${dbLabel}`,
  ];
  if (config.seedDemo) {
    lines.push(`Demo logins (password for every demo user: ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS) {
      lines.push(`  ${login.username.padEnd(12)} ${login.role.padEnd(15)} ${login.unit}`);
    }
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
