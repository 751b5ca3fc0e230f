/**
 * Named components of the OpenAPI document: the shared schemas below are listed once under components.schemas by
 * name, and every route (and every other component) that uses one refers to it with `$ref` instead of repeating it.
 * Only the document changes. The names are kept here, by the schema object, rather than as `$id`s on the schemas:
 * an `$id` reaches validation and serialization too, and fast-json-stringify refuses a response in which one `$id`
 * appears twice (a page of policies listing the same item schema in three arrays).
 */
import { User } from '../../shared/api/accounts.ts';
import { CaseDetailSchema, CaseRowSchema } from '../../shared/api/cases.ts';
import { ErrorSchema } from '../../shared/api/common.ts';
import { ClaimAssessmentSchema } from '../../shared/api/payments.ts';
import { EnterprisePolicySchema, MyPolicySchema, PolicyAdminSchema } from '../../shared/api/policies.ts';
import { EnterpriseDetailSchema, ImportJobSchema } from '../../shared/api/registry.ts';

/** The named components, by name. */
const COMPONENTS: Record<string, object> = {
  Error: ErrorSchema,
  User,
  CaseRow: CaseRowSchema,
  CaseDetail: CaseDetailSchema,
  ClaimAssessment: ClaimAssessmentSchema,
  PolicyAdmin: PolicyAdminSchema,
  MyPolicy: MyPolicySchema,
  EnterprisePolicy: EnterprisePolicySchema,
  EnterpriseDetail: EnterpriseDetailSchema,
  ImportJob: ImportJobSchema,
};

const NAMES = new Map<object, string>(Object.entries(COMPONENTS).map(([name, schema]) => [schema, name]));

/**
 * A copy of a schema in which each named schema below the top (or at the top too, when `top` is false) is a `$ref`
 * to its component. A schema is named by identity: a derived copy (its properties spread into another object) is
 * another shape and stays inline.
 */
export function referToComponents(node: unknown, top = false): unknown {
  if (Array.isArray(node)) return node.map((item) => referToComponents(item));
  if (node === null || typeof node !== 'object') return node;
  const name = NAMES.get(node);
  if (!top && name !== undefined) return { $ref: `#/components/schemas/${name}` };
  return Object.fromEntries(
    Object.entries(node)
      // An `$id` is no name of the document's (the schema is named here); swagger would not drop it everywhere.
      .filter(([key]) => !(top && key === '$id'))
      .map(([key, value]) => [key, referToComponents(value)]),
  );
}

/** The components.schemas of the document: each named shared schema, by its name. */
export function componentSchemas(): Record<string, object> {
  return Object.fromEntries(
    Object.entries(COMPONENTS).map(([name, schema]) => [name, referToComponents(schema, true) as object]),
  );
}
