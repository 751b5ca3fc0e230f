/**
 * The web app's build record (ADR 0014): a production start refuses a web app that is missing or was built from
 * other files than those there now, judged by content (a clone or a copy changes times, not content).
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRecord, webBuildState } from '../../bin/web-build.js';

describe('web build record', () => {
  let root: string;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  /** A built web app whose record lists these modules. */
  const build = (modules: string[]) => {
    write('dist/web/index.html', '<script type="module" src="/assets/index.js"></script>');
    const ids = [
      ...modules.map((m) => path.join(root, m)),
      path.join(root, 'node_modules/react/index.js'),
      '\0vite/x',
    ];
    write('dist/web-build.json', JSON.stringify(buildRecord(ids, root)));
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'huiqi-web-build-'));
    write('package-lock.json', '{"lockfileVersion":3}');
    write('src/web/index.html', '<div id="root"></div>');
    write('src/web/main.tsx', 'export const a = 1;');
    write('src/shared/roles.ts', 'export const roles = [];');
    write('node_modules/react/index.js', 'module.exports = {};');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('records the repository files the build read, not dependencies or virtual modules', () => {
    const record = buildRecord(
      [path.join(root, 'src/web/main.tsx?v=1'), path.join(root, 'node_modules/react/index.js')],
      root,
    );
    expect(Object.keys(record.files)).toEqual(
      expect.arrayContaining(['package-lock.json', 'src/web/index.html', 'src/web/main.tsx']),
    );
    expect(Object.keys(record.files).some((f) => f.includes('node_modules'))).toBe(false);
  });

  it('is missing without dist/web, stale without a record, current right after a build', () => {
    expect(webBuildState(root)).toEqual({ state: 'missing', changed: [] });
    write('dist/web/index.html', '<html></html>');
    expect(webBuildState(root)).toEqual({ state: 'stale', changed: [] });
    build(['src/web/main.tsx', 'src/shared/roles.ts']);
    expect(webBuildState(root)).toEqual({ state: 'current', changed: [] });
  });

  it('names the files changed or removed since the build, and the lockfile when dependencies changed', () => {
    build(['src/web/main.tsx', 'src/shared/roles.ts']);
    write('src/shared/roles.ts', 'export const roles = ["admin"];');
    expect(webBuildState(root)).toEqual({ state: 'stale', changed: ['src/shared/roles.ts'] });
    rmSync(path.join(root, 'src/web/main.tsx'));
    write('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    expect(webBuildState(root).changed).toEqual([
      'package-lock.json',
      'src/shared/roles.ts',
      'src/web/main.tsx',
    ]);
  });

  it('takes a file rewritten unchanged, with a new time, as unchanged (npm prune rewrites the lockfile)', () => {
    build(['src/web/main.tsx']);
    write('package-lock.json', '{"lockfileVersion":3}');
    utimesSync(path.join(root, 'src/web/main.tsx'), new Date(2099, 0, 1), new Date(2099, 0, 1));
    expect(webBuildState(root).state).toBe('current');
  });
});
