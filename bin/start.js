#!/usr/bin/env node
// `npm start`: serves the platform from the built web app (dist/web) and the server bundle (dist/server).
// In production (NODE_ENV=production or HUIQI_MODE=production) nothing is built here: Vite is a dev dependency, so
// a web app that is missing or older than its sources stops the start with the command to run (`npm run build`),
// rather than serving the API without it (ADR 0014). In development both are built when missing or stale.
// The server runs as one esbuild bundle of src/ and its pure-JS dependencies, which starts far faster than
// loading hundreds of modules one by one (ADR 0005); esbuild is a dependency, so the bundle is rebuilt in any mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serverBundle } from './bundle.js';
import { webBuildState, webDir } from './web-build.js';

const root = path.resolve(import.meta.dirname, '..');
const mode = process.env.HUIQI_MODE ?? (process.env.NODE_ENV === 'production' ? 'production' : 'development');
const isProduction = mode === 'production';
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

/** Stops the start with a message saying what to do. */
function refuse(lines) {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
}

if (process.env.HUIQI_WEB_DIR) {
  // A web app built elsewhere: the operator answers for it; only its absence is refused in production.
  const dir = path.resolve(process.env.HUIQI_WEB_DIR);
  if (isProduction && !existsSync(path.join(dir, 'index.html')))
    refuse([`Huiqi: HUIQI_WEB_DIR=${dir} holds no web app (no index.html); the start is stopped.`]);
} else {
  const web = webBuildState();
  if (web.state !== 'current') {
    const what =
      web.state === 'missing'
        ? `The web app is not built (${path.relative(root, webDir)} is missing).`
        : web.changed.length > 0
          ? `The web app in ${path.relative(root, webDir)} is older than its sources (changed since: ${web.changed.slice(0, 3).join(', ')}${web.changed.length > 3 ? `, and ${web.changed.length - 3} more` : ''}).`
          : `The web app in ${path.relative(root, webDir)} has no build record (dist/web-build.json): it may be older than its sources.`;
    if (isProduction)
      refuse([
        `Huiqi: ${what}`,
        'In production the start builds nothing. Build first, with the dev dependencies installed:',
        '  npm ci && npm run build && npm prune --omit=dev',
        'or build elsewhere and ship dist/ with the same sources; then run `npm start` again.',
      ]);
    if (!existsSync(vite))
      refuse([
        `Huiqi: ${what}`,
        'Vite (a dev dependency) is not installed, so it cannot be built here: run `npm install`, or',
        '`npm run build` where the dev dependencies are, then `npm start` again.',
      ]);
    console.log(`${what} Building it…`);
    const result = spawnSync(
      process.execPath,
      [vite, 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
    if (result.status !== 0)
      console.error('The web build failed; the API still starts, without the web app.');
  }
}

const { runCli } = await import(await serverBundle());
await runCli([process.argv[0], 'huiqi', 'serve', ...process.argv.slice(2)]);
