#!/usr/bin/env node
// `npm start`: builds what is missing or stale (the web app; the server bundle), then serves the platform.
// The server runs as one esbuild bundle of src/ and its pure-JS dependencies, which starts far faster than
// loading hundreds of modules one by one (ADR 0005). Packages with native code, WebAssembly or files of their
// own stay external and load from node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serverBundle } from './bundle.js';

const root = path.resolve(import.meta.dirname, '..');
const webDir = process.env.HUIQI_WEB_DIR
  ? path.resolve(process.env.HUIQI_WEB_DIR)
  : path.join(root, 'dist/web');
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

const { runCli } = await import(await serverBundle());
await runCli([process.argv[0], 'huiqi', 'serve', ...process.argv.slice(2)]);
