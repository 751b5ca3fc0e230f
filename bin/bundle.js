// The server bundle (ADR 0005): src/ and its pure-JS dependencies compiled by esbuild into dist/server, rebuilt
// when missing or older than any server source file or the lockfile. One bundle starts far faster and takes far
// less memory than loading hundreds of modules through tsx. Packages with native code, WebAssembly or files of
// their own stay external and load from node_modules. Worker threads get their own entry beside the main one.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist/server');

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

/** Builds the bundle if it is missing or stale (or always, `force`); resolves with the path of its main module. */
export async function serverBundle({ force = false } = {}) {
  const main = path.join(outdir, 'huiqi.mjs');
  const worker = path.join(outdir, 'import-worker.mjs');
  const sources = path.join(root, 'src');
  const lockFile = path.join(root, 'package-lock.json');
  const lockStamp = path.join(outdir, 'package-lock.sha256');
  const inputsChanged = Math.max(
    newest(sources, [path.join(sources, 'web')]),
    statSync(import.meta.filename).mtimeMs,
  );
  const built = (file) => existsSync(file) && statSync(file).mtimeMs >= inputsChanged;
  const lockHash = () => createHash('sha256').update(readFileSync(lockFile)).digest('hex');
  // `npm prune --omit=dev` rewrites the lockfile unchanged: a newer lockfile counts only when its content differs.
  const lockCurrent = () =>
    statSync(lockFile).mtimeMs <= statSync(main).mtimeMs ||
    (existsSync(lockStamp) && readFileSync(lockStamp, 'utf8') === lockHash());
  if (!force && built(main) && built(worker) && lockCurrent()) return main;
  const { build } = await import('esbuild');
  // Built aside and moved in file by file, so that processes building at the same time never load a half-written one.
  const staging = `${outdir}.${process.pid}.tmp`;
  await build({
    entryPoints: {
      huiqi: path.join(root, 'src/cli/main.ts'),
      'import-worker': path.join(root, 'src/server/modules/registry/import.worker.ts'),
    },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
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
  writeFileSync(path.join(staging, path.basename(lockStamp)), lockHash());
  mkdirSync(outdir, { recursive: true });
  // The workers first: a main module that is there is taken as a complete bundle.
  const files = readdirSync(staging).sort(
    (a, b) => Number(a.startsWith('huiqi')) - Number(b.startsWith('huiqi')),
  );
  for (const file of files) renameSync(path.join(staging, file), path.join(outdir, file));
  rmSync(staging, { recursive: true, force: true });
  return main;
}

// `node bin/bundle.js` (part of `npm run build`): builds the bundle now, whatever its state.
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const started = Date.now();
  const main = await serverBundle({ force: true });
  console.log(
    `Server bundle built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(root, main)}`,
  );
}
