#!/usr/bin/env node
// `npm start`: builds what is missing or stale (the web app; the server bundle), then serves the platform.
// The server runs as one esbuild bundle of src/ and its pure-JS dependencies, which starts far faster than
// loading hundreds of modules one by one (ADR 0005). Packages with native code, WebAssembly or files of their
// own stay external and load from node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const webDir = process.env.HUIQI_WEB_DIR
  ? path.resolve(process.env.HUIQI_WEB_DIR)
  : path.join(root, 'dist/web');
const bundle = path.join(root, 'dist/server/huiqi.mjs');

/** Newest modification time of the files below a directory (skipping some sub-directories). */
function newest(dir, skip) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(full)) latest = Math.max(latest, newest(full, skip));
    } else {
      latest = Math.max(latest, statSync(full).mtimeMs);
    }
  }
  return latest;
}

if (!existsSync(path.join(webDir, 'index.html')) && !process.env.HUIQI_WEB_DIR) {
  console.log('Building the web app (first start only)…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) console.error('The web build failed; the API still starts, without the web app.');
}

const sources = path.join(root, 'src');
const lockfile = path.join(root, 'package-lock.json');
const inputsChanged = Math.max(newest(sources, [path.join(sources, 'web')]), statSync(lockfile).mtimeMs);
if (!existsSync(bundle) || statSync(bundle).mtimeMs < inputsChanged) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [
      '@electric-sql/pglite',
      '@node-rs/argon2',
      '@fastify/swagger-ui',
      'pino',
      'exceljs',
      'pg-native',
    ],
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __huiqiRequire } from 'node:module'; const require = __huiqiRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: 'warning',
  });
}

const { runCli } = await import(bundle);
await runCli([process.argv[0], 'huiqi', 'serve', ...process.argv.slice(2)]);
