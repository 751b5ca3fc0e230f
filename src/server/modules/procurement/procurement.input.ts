/**
 * A procurement form's every problem at once (issue 17, "Bad input"): a body that fails its schema is checked by
 * the service too, on the fields that pass the schema, and the schema's problems and the service's are answered
 * together, each on its field, so that a buyer is not sent back twice. Nothing is written either way.
 */
import type { TObject, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Localized } from '../../../shared/errors.ts';
import { AppError, type FieldError, type SchemaIssue, schemaFieldErrors } from '../../http/errors.ts';

/** The fields whose text follows a pattern, with what the pattern asks in words. */
const PATTERN_MESSAGES: Record<string, Localized> = {
  awardedOn: { zh: '应为日期（YYYY-MM-DD）', en: 'must be a date (YYYY-MM-DD)' },
  signedOn: { zh: '应为日期（YYYY-MM-DD）', en: 'must be a date (YYYY-MM-DD)' },
  amount: {
    zh: '应为金额（元），不带符号，最多两位小数',
    en: 'must be an amount in yuan, without sign, with at most 2 decimals',
  },
  smallMicroShare: {
    zh: '应为百分数（0–100），最多四位小数',
    en: 'must be a per cent (0–100) with at most 4 decimals',
  },
  supplierUscc: {
    zh: '应为18位统一社会信用代码',
    en: 'must be an 18-character unified social credit code',
  },
};

/** JSON pointer `/declarations/0` and leaf `employees` as the service names fields: `declarations[0].employees`. */
function fieldOf(pointer: string, leaf: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (leaf !== '') parts.push(leaf);
  return parts.reduce(
    (field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : field ? `${field}.${part}` : part),
    '',
  );
}

/** The keywords the common words name; another is told by its keyword alone, as a form always told it. */
const KNOWN_KEYWORDS = new Set([
  'type',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'pattern',
  'enum',
  'const',
  'anyOf',
  'maxItems',
]);

/** A form's own words: an empty required text, and what a field's pattern asks. */
function messageOf(issue: SchemaIssue, field: string): Localized | undefined {
  if (issue.keyword === 'minLength' && Number(issue.params?.limit ?? '') <= 1)
    return { zh: '不能为空', en: 'must not be empty' };
  if (issue.keyword === 'pattern') return PATTERN_MESSAGES[field.split('.').pop() ?? field];
  if (!KNOWN_KEYWORDS.has(issue.keyword ?? ''))
    return { zh: `无效（${issue.keyword ?? ''}）`, en: `is invalid (${issue.keyword ?? ''})` };
  return undefined;
}

/** The schema's problems, one per field (the first said), a missing or unknown property on its own name. */
export function schemaProblems(issues: readonly SchemaIssue[]): FieldError[] {
  return schemaFieldErrors(issues, undefined, { fieldOf, messageOf });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The properties of an object that pass their own schema (the others left out, as if not given), and under
 * `dropped` the names of those given that failed it, so that a check that asks whether a field was given at all (a
 * declaration's figures, which call for their year) still knows.
 */
export function validParts(schema: TObject, value: unknown): Record<string, unknown> & { dropped: string[] } {
  const parts: Record<string, unknown> & { dropped: string[] } = { dropped: [] };
  if (!isRecord(value)) return parts;
  for (const [key, property] of Object.entries(schema.properties as Record<string, TSchema>))
    if (value[key] !== undefined) {
      if (Value.Check(property, value[key])) parts[key] = value[key];
      else parts.dropped.push(key);
    }
  return parts;
}

/** An object's valid parts, and of a list of objects under `listKey`, each item's valid parts (up to `maxItems`). */
export function validDraft(
  schema: TObject,
  value: unknown,
  listKey: string,
  itemSchema: TObject,
  maxItems: number,
) {
  const draft = validParts(schema, value);
  const list = isRecord(value) ? value[listKey] : undefined;
  if (draft[listKey] === undefined && Array.isArray(list) && list.length <= maxItems)
    draft[listKey] = list.map((item) => validParts(itemSchema, item));
  return draft;
}

/**
 * The error to answer a request whose body failed its schema with: the schema's problems and, when the service
 * finds others in the parts that pass, those too (a field the schema refused is not told twice). The schema's error
 * as it was when the failure is elsewhere (the address), the body is no object, or the service cannot check it (a
 * project not found: told once the body passes).
 */
export async function withServiceProblems(
  failure: Error & { validation?: SchemaIssue[]; validationContext?: string },
  check: () => Promise<FieldError[]>,
): Promise<Error> {
  if (failure.validationContext !== 'body' || !Array.isArray(failure.validation)) return failure;
  let service: FieldError[];
  try {
    service = await check();
  } catch (error) {
    if (error instanceof AppError) return failure;
    throw error;
  }
  if (service.length === 0) return failure;
  const schema = schemaProblems(failure.validation);
  const told = new Set(schema.map((e) => e.field));
  return new AppError('VALIDATION_FAILED', [...schema, ...service.filter((e) => !told.has(e.field))]);
}
