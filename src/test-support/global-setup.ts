import { buildServer, buildWeb } from '../../scripts/build.js';

/**
 * Builds dist/ once before the suite: the process tests and the browser journeys run what
 * `npm start` runs (the server bundle and the web app).
 */
export default async function setup(): Promise<void> {
  await Promise.all([buildServer(), buildWeb()]);
}
