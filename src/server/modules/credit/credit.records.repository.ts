/** SQL over `credit_records` for departments' files: the records stored under their numbers, and the writes. */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CreditPersonal, CreditRecordsTable } from './credit.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A department's record as stored, by what a new one is compared with. */
export interface StoredDepartmentRecord {
  id: number;
  enterprise_id: number;
  category: string;
  item: string;
  title: string;
  value_number: number | null;
  value_text: string | null;
  decided_on: string;
  publish_until: string | null;
  source_ref: string | null;
  personal: CreditPersonal | null;
}

/**
 * The current (not superseded) records of a department under some of its record numbers, about some enterprises:
 * what a file's rows update or find unchanged.
 */
export async function findDepartmentRecords(
  db: Db,
  department: string,
  enterpriseIds: readonly number[],
  sourceRefs: readonly string[],
): Promise<StoredDepartmentRecord[]> {
  if (enterpriseIds.length === 0 || sourceRefs.length === 0) return [];
  return db
    .selectFrom('credit_records')
    .select([
      'id',
      'enterprise_id',
      'category',
      'item',
      'title',
      'value_number',
      'value_text',
      'decided_on',
      'publish_until',
      'source_ref',
      'personal',
    ])
    .where('enterprise_id', 'in', [...new Set(enterpriseIds)])
    .where('source_department', '=', department)
    .where('source_ref', 'in', [...new Set(sourceRefs)])
    .where('status', '<>', 'superseded')
    .execute() as Promise<StoredDepartmentRecord[]>;
}

/** Marks records superseded by a department's update (kept as history; the new record `corrects` each). */
export async function supersedeRecords(
  db: Db,
  records: readonly { enterpriseId: number; id: number }[],
): Promise<void> {
  if (records.length === 0) return;
  await db
    .updateTable('credit_records')
    .set({ status: 'superseded' })
    .where((eb) =>
      eb.or(records.map((r) => eb.and([eb('enterprise_id', '=', r.enterpriseId), eb('id', '=', r.id)]))),
    )
    .execute();
}

/** Inserts records (one statement). */
export async function insertRecords(
  db: Db,
  records: readonly Insertable<CreditRecordsTable>[],
): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('credit_records')
    .values([...records])
    .execute();
}
