/**
 * Named components of the OpenAPI document: each schema of src/shared/api with an `$id` is listed once under
 * components.schemas by that name, and every route (and every other component) that uses it refers to it with
 * `$ref`, instead of repeating it inline. Only the document changes: validation and serialization use the schemas
 * as they are.
 */
import * as accounts from '../../shared/api/accounts.ts';
import * as attachments from '../../shared/api/attachments.ts';
import * as audit from '../../shared/api/audit.ts';
import * as cases from '../../shared/api/cases.ts';
import * as common from '../../shared/api/common.ts';
import * as home from '../../shared/api/home.ts';
import * as payments from '../../shared/api/payments.ts';
import * as policies from '../../shared/api/policies.ts';
import * as reference from '../../shared/api/reference.ts';
import * as registry from '../../shared/api/registry.ts';
import * as supervision from '../../shared/api/supervision.ts';

const MODULES = [
  accounts,
  attachments,
  audit,
  cases,
  common,
  home,
  payments,
  policies,
  reference,
  registry,
  supervision,
];

/** The shared schemas that carry an `$id`, by it; two different schemas with one `$id` are a mistake. */
function namedSchemas(): Map<string, object> {
  const named = new Map<string, object>();
  for (const module of MODULES)
    for (const value of Object.values(module)) {
      if (value === null || typeof value !== 'object') continue;
      const id = $idOf(value);
      if (id === undefined) continue;
      const known = named.get(id);
      if (known !== undefined && known !== value) throw new Error(`two shared schemas have the $id ${id}`);
      named.set(id, value);
    }
  return named;
}

function $idOf(schema: object): string | undefined {
  const id = (schema as { $id?: unknown }).$id;
  return typeof id === 'string' ? id : undefined;
}

const NAMED = namedSchemas();

/**
 * A copy of a schema in which each named shared schema below the top (or at the top too, when `top` is false) is a
 * `$ref` to its component. A schema with a known `$id` that is not that component (a derived copy that kept the
 * `$id`) is refused: the document would describe another shape.
 */
export function referToComponents(node: unknown, top = false): unknown {
  if (Array.isArray(node)) return node.map((item) => referToComponents(item));
  if (node === null || typeof node !== 'object') return node;
  const id = $idOf(node);
  if (!top && id !== undefined && NAMED.has(id)) {
    if (NAMED.get(id) !== node) throw new Error(`a schema copies the $id ${id} of a shared schema`);
    return { $ref: `#/components/schemas/${id}` };
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, referToComponents(value)]));
}

/** The components.schemas of the document: each named shared schema, by its `$id`. */
export function componentSchemas(): Record<string, object> {
  return Object.fromEntries(
    [...NAMED].map(([id, schema]) => [id, referToComponents(schema, true) as object]),
  );
}
