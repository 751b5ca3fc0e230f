/** Credit test factories (issue 14): records of a department about an enterprise, through the credit module. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { insertCreditRecords } from '../../src/server/modules/credit/index.ts';

/** A department's record (a penalty unless told), active and published until told otherwise. */
export async function aCreditRecord(
  db: Kysely<Database>,
  enterpriseId: number,
  options: {
    category?: string;
    item?: string;
    decidedOn?: string;
    publishUntil?: string | null;
    status?: 'active' | 'superseded' | 'repaired';
    department?: string;
    sourceRef?: string;
  } = {},
): Promise<void> {
  const category = options.category ?? 'penalty';
  await insertCreditRecords(db, [
    {
      enterprise_id: enterpriseId,
      category,
      item: options.item ?? category,
      title: '测试记录',
      value_number: category === 'penalty' ? 1 : null,
      decided_on: options.decidedOn ?? '2026-01-10',
      publish_until: options.publishUntil ?? null,
      source_kind: 'department',
      source_department: options.department ?? 'samr',
      source_ref: options.sourceRef ?? null,
      status: options.status ?? 'active',
    },
  ]);
}
