import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

/**
 * Bundles the server into dist/server.js: one file of our code (dependencies stay in
 * node_modules), so `npm start` runs plain JavaScript without a TypeScript loader in the process,
 * which measured faster and leaner than running the sources through tsx.
 */
export async function buildServer(outfile = 'dist/server.js'): Promise<void> {
  await build({
    entryPoints: ['src/server.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    outfile,
    logLevel: 'warning',
  });
}

/**
 * Builds the browser app (web/) into dist/web, which the server serves: always React's
 * production build, also when the test runner (NODE_ENV=test) asks for it.
 */
export async function buildWeb(): Promise<void> {
  // Vite and the React plugin pick the JSX runtime and React's build from NODE_ENV.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await Promise.all([buildServer(), buildWeb()]);
}
