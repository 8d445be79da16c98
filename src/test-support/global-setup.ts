import { buildServer } from '../../scripts/build.js';

/** Builds dist/server.js once before the suite: the process tests run what `npm start` runs. */
export default async function setup(): Promise<void> {
  await buildServer();
}
