// The web app's build record (ADR 0014): the Vite build writes dist/web-build.json (beside dist/web, not served)
// with the SHA-256 of every source file that went into it; `npm start` compares it with the files as they are now.
// Content, not modification times: a clone, a copy or a container image changes the times, not the content.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** Where the web app is built, and where its record goes (of this repository, or of another root). */
export const webDir = path.join(repoRoot, 'dist/web');
export const recordFile = path.join(repoRoot, 'dist/web-build.json');

/** Inputs of the build besides the modules it bundles: dependency versions and the build's own configuration. */
const EXTRA_INPUTS = [
  'package-lock.json',
  'src/web/index.html',
  'src/web/vite.config.ts',
  'bin/web-build.js',
];

/** SHA-256 of a file of the repository (its path relative to the root), or null when it is not there. */
function fileHash(root, relative) {
  const full = path.join(root, relative);
  return existsSync(full) ? createHash('sha256').update(readFileSync(full)).digest('hex') : null;
}

/**
 * The record of a build from its module ids (absolute paths; those outside the repository or in node_modules are
 * covered by package-lock.json and left out).
 */
export function buildRecord(moduleIds, root = repoRoot) {
  const relative = [];
  for (const id of moduleIds) {
    const file = id.split('?')[0];
    if (!path.isAbsolute(file) || !file.startsWith(`${root}${path.sep}`)) continue;
    if (file.includes(`${path.sep}node_modules${path.sep}`) || !existsSync(file)) continue;
    relative.push(path.relative(root, file).split(path.sep).join('/'));
  }
  const files = {};
  for (const file of [...new Set([...relative, ...EXTRA_INPUTS])].sort()) files[file] = fileHash(root, file);
  return { builtAt: new Date().toISOString(), files };
}

/**
 * Whether dist/web is there and built from the files as they are now: `missing`, `stale` (with the files that
 * changed since, or no record), or `current`.
 */
export function webBuildState(root = repoRoot) {
  if (!existsSync(path.join(root, 'dist/web/index.html'))) return { state: 'missing', changed: [] };
  let record;
  try {
    record = JSON.parse(readFileSync(path.join(root, 'dist/web-build.json'), 'utf8'));
  } catch {
    return { state: 'stale', changed: [] };
  }
  const files = record && typeof record.files === 'object' && record.files !== null ? record.files : {};
  const changed = Object.entries(files)
    .filter(([file, hash]) => fileHash(root, file) !== hash)
    .map(([file]) => file);
  if (Object.keys(files).length === 0) return { state: 'stale', changed: [] };
  return changed.length > 0 ? { state: 'stale', changed } : { state: 'current', changed: [] };
}
