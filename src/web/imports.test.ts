/**
 * The browser bundle carries no schema code: the web app takes the API's types from src/shared/api, and the schema
 * library (typebox) with them, as types only (a value imported from there once put 180 kB of typebox in front of
 * every page, ADR 0017).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = import.meta.dirname;
const SHARED_API = path.resolve(WEB, '../shared/api');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** `import … from '…'` and `export … from '…'` statements: keyword, `type` marker, what is bound, the module. */
const STATEMENT = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*['"]([^'"]+)['"]/gm;

/** Whether a clause binds types only: `{ type A, type B }` (a default or namespace binding is a value). */
function typeOnlyBraces(clause: string): boolean {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!braces?.[1]) return false;
  const names = braces[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

/** The modules a file imports or re-exports values from (type-only imports and exports left out). */
function valueImports(text: string): string[] {
  const found: string[] = [];
  for (const [, , typeMarker, clause = '', specifier = ''] of text.matchAll(STATEMENT)) {
    if (!typeMarker && !typeOnlyBraces(clause)) found.push(specifier);
  }
  return found;
}

describe('web bundle imports', () => {
  it('finds value imports and ignores type-only ones', () => {
    const text = [
      "import type { A } from 'typebox';",
      "import { type B } from '../shared/api/x.ts';",
      "import { C, type D } from './c.ts';",
      "export { E } from './e.ts';",
      "export type { F } from './f.ts';",
      'import {\n  type G,\n  type H,\n} from "./g.ts";',
      "import I, { type J } from './i.ts';",
    ].join('\n');
    expect(valueImports(text)).toEqual(['./c.ts', './e.ts', './i.ts']);
  });

  it('takes nothing but types from typebox and src/shared/api', () => {
    const offending = sourceFiles(WEB).flatMap((file) =>
      valueImports(readFileSync(file, 'utf8'))
        .filter(
          (specifier) =>
            specifier === 'typebox' ||
            specifier.startsWith('typebox/') ||
            (specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(SHARED_API)),
        )
        .map((specifier) => `${path.relative(WEB, file)} → ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
