import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
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
 * production build, also when the test runner (NODE_ENV=test) asks for it. It is built beside
 * and then swapped in, so a server already serving dist/web never sees a half-emptied folder.
 */
export async function buildWeb(outDir = 'dist/web'): Promise<void> {
  // Vite and the React plugin pick the JSX runtime and React's build from NODE_ENV.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const target = path.resolve(outDir);
  const next = `${target}.next-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  try {
    await viteBuild({
      configFile: 'vite.config.ts',
      logLevel: 'warn',
      mode: 'production',
      build: { outDir: next, emptyOutDir: true },
    });
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(next, target);
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(next, { recursive: true, force: true });
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await Promise.all([buildServer(), buildWeb()]);
}
