/**
 * Who may edit or see a policy (officials of the owning region and admins edit; other officials see what is
 * published), and a definition checked before it is stored.
 */
import type { Kysely } from 'kysely';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { findPolicyRow, findVersion, type PolicyRow } from './policies.repository.ts';
import { checkPolicy, type PolicyDefinition, type PolicyFileProblem } from './policy.yaml.ts';

/** Problems of a policy as field errors (the line first when it came from a file). */
export function problemsError(problems: readonly PolicyFileProblem[], prefix: string): AppError {
  const errors: FieldError[] = problems.map((p) => ({
    field: p.field === '*' ? prefix.replace(/\.$/, '') || 'definition' : `${prefix}${p.field}`,
    message:
      p.line > 0
        ? { zh: `第 ${p.line} 行：${p.message.zh}`, en: `line ${p.line}: ${p.message.en}` }
        : p.message,
  }));
  return new AppError('VALIDATION_FAILED', errors);
}

/** An official may edit a policy owned by a region of their subtree; an admin any. */
export function assertMayEdit(actor: Actor, row: Pick<PolicyRow, 'owner_region'>): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'official' || actor.regionPrefix === null) throw new AppError('FORBIDDEN');
  if (!row.owner_region.startsWith(actor.regionPrefix)) throw new AppError('OUT_OF_SCOPE');
}

/**
 * The regions of a policy as it will be must lie in the official's subtree (a national policy needs a national
 * official): 403 OUT_OF_SCOPE naming the field, like any write outside the actor's scope.
 */
export function assertRegionsInScope(actor: Actor, definition: PolicyDefinition): void {
  if (actor.role === 'admin') return;
  const outOfScope = (field: string, message: Localized) =>
    new AppError('OUT_OF_SCOPE', [{ field, message }]);
  if (definition.regions.length === 0) {
    if (actor.regionPrefix !== '')
      throw outOfScope('definition.regions', {
        zh: '只有全国层级的工作人员可以发布全国性政策，请填写适用地区',
        en: 'only national officials may publish a national policy; list the regions it applies to',
      });
    return;
  }
  definition.regions.forEach((code, i) => {
    if (!code.startsWith(actor.regionPrefix ?? '\u0000'))
      throw outOfScope(`definition.regions.${i}`, {
        zh: `地区 ${code} 不在您的管辖范围内`,
        en: `region ${code} is outside your scope`,
      });
  });
}

/** A definition checked as the library stores it; its problems as field errors under `prefix`. */
export function checked(definition: unknown, prefix = 'definition.'): PolicyDefinition {
  const parsed = checkPolicy(definition);
  if (!parsed.ok) throw problemsError(parsed.problems, prefix);
  return parsed.policy;
}

/** Whether the actor may edit the policy (see assertMayEdit). */
export function mayEdit(actor: Actor, row: Pick<PolicyRow, 'owner_region'>): boolean {
  try {
    assertMayEdit(actor, row);
    return true;
  } catch {
    return false;
  }
}

/**
 * A policy as an official may see it: its editors (officials of the owning region, admins) see the draft; other
 * officials see only what is published (the last published version), never a draft.
 */
export async function loadForOfficial(db: Kysely<Database>, actor: Actor, id: number) {
  const row = await findPolicyRow(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (mayEdit(actor, row)) return { row, editable: true, definition: row.draft as PolicyDefinition };
  if (row.current_version === null) throw new AppError('OUT_OF_SCOPE');
  const published = await findVersion(db, id, row.current_version);
  if (!published) throw new AppError('NOT_FOUND');
  return { row, editable: false, definition: published.definition as PolicyDefinition };
}
