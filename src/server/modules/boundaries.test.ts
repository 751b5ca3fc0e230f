/**
 * Module boundaries (issue 13, style habit 15): a module is used only through its front door, and only it touches
 * its tables.
 *
 * Imports. No file outside `src/server/modules/<m>/` imports a file of `<m>` other than `<m>/index.ts`. Allowed:
 * - a module's own files, tests included, import each other freely;
 * - `src/server/db/schema.ts` imports the `*.table.ts` files, types only, to assemble the Database type.
 * The scan covers src (the web bundle included), test, bench and bin.
 *
 * Tables. Each table of the Database type belongs to the module whose `*.table.ts` declares its row type. A module's
 * non-test source may not name another module's table in a Kysely call (`selectFrom`, `insertInto`, `updateTable`,
 * `deleteFrom`, `mergeInto`, the joins, `sql.table`) nor after `from`, `join`, `into`, `update` or `truncate` in a
 * `sql` template (a table named only through a variable or `sql.raw` is not seen). Another module's data comes
 * through the owner's exported functions; where a set-based statement must stay one statement, the owner exports
 * the subquery (`activeUserContacts()` of accounts, `enterpriseRegions()` of registry), so its SQL stays its own.
 *
 * One exception, read-only: the reference tables `regions` and `industries` (module reference-data: the GB/T 2260
 * division codes and GB/T 4754 industry codes, synced from `src/reference` at start-up, never written by a request)
 * may be read and joined by other modules' repositories. They are reference tables in the scale-out plan
 * (replicated to every node, so a join on them stays local), and joining them is how a list shows a region's name;
 * fetching names through a function would only move the same join into memory. Writing them (insert, update,
 * delete, merge, truncate) stays in reference-data, and `meta` is reference-data's alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MODULES = path.join(ROOT, 'src/server/modules');
const SCHEMA = path.join(ROOT, 'src/server/db/schema.ts');

/** Reference tables other modules may read and join, never write (see the doc comment above). */
const READABLE_REFERENCE_TABLES = new Set(['regions', 'industries']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** The module a path lies in (`accounts`, `registry`, …), or undefined outside src/server/modules/<m>/. */
function moduleOf(file: string): string | undefined {
  const relative = path.relative(MODULES, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Every module specifier a file names: static imports and re-exports (types included) and dynamic imports. */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gm)) {
    found.push(match[1] as string);
  }
  for (const match of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push(match[1] as string);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1] as string);
  return found;
}

/** `<file> → <specifier>` for each import of another module's file other than its index.ts. */
function deepImports(): string[] {
  const files = ['src', 'test', 'bench', 'bin'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  return files.flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8'))
      .filter((specifier) => {
        if (!specifier.startsWith('.')) return false;
        const target = path.resolve(path.dirname(file), specifier);
        const owner = moduleOf(target);
        if (owner === undefined || owner === moduleOf(file)) return false;
        if (target === path.join(MODULES, owner, 'index.ts')) return false;
        return !(file === SCHEMA && target.endsWith('.table.ts'));
      })
      .map((specifier) => `${path.relative(ROOT, file)} → ${specifier}`),
  );
}

/** Table name → owning module, read from the Database interface and the `*.table.ts` files schema.ts imports. */
function tableOwners(): Map<string, string> {
  const text = readFileSync(SCHEMA, 'utf8');
  const typeModule = new Map<string, string>();
  for (const match of text.matchAll(/import\s+type\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    const owner = moduleOf(path.resolve(path.dirname(SCHEMA), match[2] as string));
    if (owner === undefined) continue;
    for (const name of (match[1] as string).split(',')) if (name.trim()) typeModule.set(name.trim(), owner);
  }
  const body = /export interface Database \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
  const owners = new Map<string, string>();
  for (const match of body.matchAll(/^\s*(\w+):\s*(\w+);/gm)) {
    const owner = typeModule.get(match[2] as string);
    if (owner !== undefined) owners.set(match[1] as string, owner);
  }
  return owners;
}

/** A table a piece of source names, and whether it writes it. */
interface TableUse {
  table: string;
  writes: boolean;
}

const KYSELY_CALL =
  /\.(selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|innerJoinLateral|leftJoinLateral|table)\(\s*['"`]([a-z_][a-z0-9_]*)/g;
const KYSELY_WRITES = new Set(['insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto']);

/** The text of each tagged `sql` template (its `${…}` holes blanked), where raw SQL names tables. */
function sqlTemplates(text: string): string[] {
  const bodies: string[] = [];
  for (const start of text.matchAll(/\bsql(?:<[^`]*?>)?`/g)) {
    let i = (start.index ?? 0) + start[0].length;
    let body = '';
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (depth === 0 && c === '`') break;
      if (depth === 0 && c === '$' && text[i + 1] === '{') {
        depth = 1;
        i++;
        body += ' ';
        continue;
      }
      if (depth > 0) {
        if (c === '{') depth++;
        if (c === '}') depth--;
        continue;
      }
      body += c;
    }
    bodies.push(body);
  }
  return bodies;
}

const RAW_SQL =
  /\b(delete\s+from|insert\s+into|merge\s+into|truncate(?:\s+table)?|update|from|join|into)\s+"?([a-z_][a-z0-9_]*)"?/gi;

/** The tables a source text names in Kysely calls and raw sql. */
function tablesNamed(text: string): TableUse[] {
  const uses: TableUse[] = [];
  for (const match of text.matchAll(KYSELY_CALL)) {
    uses.push({ table: match[2] as string, writes: KYSELY_WRITES.has(match[1] as string) });
  }
  for (const body of sqlTemplates(text)) {
    for (const match of body.matchAll(RAW_SQL)) {
      const keyword = (match[1] as string).toLowerCase().replace(/\s+/g, ' ');
      uses.push({ table: (match[2] as string).toLowerCase(), writes: !['from', 'join'].includes(keyword) });
    }
  }
  return uses;
}

/** `<file> → <table>` for each non-test module file that names a table another module owns. */
function tableCrossings(): string[] {
  const owners = tableOwners();
  const found = new Set<string>();
  for (const file of sourceFiles(MODULES)) {
    const module = moduleOf(file);
    if (module === undefined || isTest(file)) continue;
    for (const { table, writes } of tablesNamed(readFileSync(file, 'utf8'))) {
      const owner = owners.get(table);
      if (owner === undefined || owner === module) continue;
      if (!writes && READABLE_REFERENCE_TABLES.has(table)) continue;
      found.add(`${path.relative(MODULES, file)} → ${table}`);
    }
  }
  return [...found].sort();
}

describe('module boundaries', () => {
  it('finds the tables named in Kysely calls and raw sql, and whether they are written', () => {
    const text = [
      "db.selectFrom('users as u').innerJoin('enterprises as e', 'e.id', 'u.enterprise_id')",
      'trx.insertInto(\'audit_log\').values(row); trx.updateTable("jobs")',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the test reads the template's source text
      'sql`select 1 from notifications n left join regions r on ${cond} where exists (select 1 from ${t})`',
      'sql<number>`delete from sessions where id in (select id from users)`',
      "// a comment that says where the rows come from users is not SQL: select from 'cases'",
    ].join('\n');
    expect(tablesNamed(text)).toEqual([
      { table: 'users', writes: false },
      { table: 'enterprises', writes: false },
      { table: 'audit_log', writes: true },
      { table: 'jobs', writes: true },
      { table: 'notifications', writes: false },
      { table: 'regions', writes: false },
      { table: 'sessions', writes: true },
      { table: 'users', writes: false },
    ]);
  });

  it('finds static, re-exported, type-only and dynamic imports', () => {
    const text = [
      "import { a } from '../x/a.ts';",
      "import type {\n  B,\n} from '../y/b.ts';",
      "export { c } from './c.ts';",
      "import './side.ts';",
      "const d = await import('../z/d.ts');",
    ].join('\n');
    expect(specifiersOf(text)).toEqual(['../x/a.ts', '../y/b.ts', './c.ts', './side.ts', '../z/d.ts']);
  });

  it('reads every table of the Database type with its owning module', () => {
    const owners = tableOwners();
    expect(owners.get('users')).toBe('accounts');
    expect(owners.get('enterprises')).toBe('registry');
    expect(owners.get('regions')).toBe('reference-data');
    const declared =
      /export interface Database \{([\s\S]*?)\n\}/.exec(readFileSync(SCHEMA, 'utf8'))?.[1] ?? '';
    expect(owners.size).toBe([...declared.matchAll(/^\s*\w+:/gm)].length);
  });

  it("imports another module only through its index.ts (files and imports listed when one doesn't)", () => {
    expect(deepImports()).toEqual([]);
  });

  it("names no other module's table in its SQL (files and tables listed when one does)", () => {
    expect(tableCrossings()).toEqual([]);
  });
});
