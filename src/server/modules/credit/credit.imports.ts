/**
 * Departments' credit records loaded through the registry's import pipeline (issue 14, measure 4): the kind
 * `credit_records`. The worker validates each row (credit.import.rows.ts); this loader, in the batch's
 * transaction, finds each row's enterprise in the registry, rejects rows about enterprises the registry lacks or
 * stores outside the importer's region, and writes the records with the department, `source_kind='department'`
 * and the job.
 *
 * A record the department sent before under the same number (same enterprise, category and department, not
 * superseded) is counted unchanged when identical; otherwise it is the department's update: the stored record
 * becomes `superseded` and the new one `corrects` it (history kept). A penalty without a publication end is
 * published for the longest period in force on its decision date (credit.rules.ts `defaultPublishUntil`).
 */
import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  codedProblem,
  enterprisesChangedByImport,
  findEnterprisesByUscc,
  type ImportJobContext,
  type ImportKindHandler,
  type KindBatch,
  type KindLoadResult,
  listImportChanges,
  outOfScopeProblem,
  type RowProblem,
} from '../registry/index.ts';
import { CREDIT_IMPORT_ROWS, type CreditImportRecord } from './credit.import.rows.ts';
import {
  findDepartmentRecords,
  insertRecords,
  type StoredDepartmentRecord,
  supersedeRecords,
} from './credit.records.repository.ts';
import { type CreditSettings, defaultPublishUntil } from './credit.rules.ts';
import { queueCreditRescore } from './credit.scoring.ts';
import { creditSettingsOn } from './credit.settings.repository.ts';
import type { CreditPersonal, CreditRecordsTable } from './credit.table.ts';

type Db = Parameters<ImportKindHandler['check']>[0];

/** The rows of a batch whose enterprise is known and in scope, with its id; the others' problems. */
async function resolveEnterprises(
  db: Db,
  job: ImportJobContext,
  batch: KindBatch<CreditImportRecord>,
): Promise<{ ids: (number | null)[]; problems: RowProblem[] }> {
  const found = await findEnterprisesByUscc(db, batch.uscc);
  const problems: RowProblem[] = [];
  const ids = batch.uscc.map((code, i) => {
    const row = batch.rows[i] as number;
    const enterprise = found.get(code);
    if (!enterprise) {
      problems.push(unknownUsccProblem(row, code));
      return null;
    }
    if (job.scope && !enterprise.regionCode.startsWith(job.scope)) {
      problems.push(outOfScopeProblem(row));
      return null;
    }
    return enterprise.id;
  });
  return { ids, problems };
}

function unknownUsccProblem(row: number, uscc: string): RowProblem {
  return {
    ...codedProblem(row, 'uscc', 'IMPORT_UNKNOWN_USCC'),
    message: {
      zh: `企业名录中没有统一社会信用代码为 ${uscc} 的企业`,
      en: `The registry has no enterprise with the USCC ${uscc}`,
    },
  };
}

/** The same content: what a department's row says, compared with the stored record it would update. */
function isSameRecord(
  stored: StoredDepartmentRecord,
  row: Insertable<CreditRecordsTable>,
  personal: CreditPersonal | null,
): boolean {
  const person = (p: CreditPersonal | null) => (p ? `${p.legalRepName ?? ''}|${p.legalRepId ?? ''}` : null);
  return (
    stored.item === row.item &&
    stored.title === row.title &&
    stored.value_number === (row.value_number ?? null) &&
    stored.value_text === (row.value_text ?? null) &&
    stored.decided_on === row.decided_on &&
    stored.publish_until === (row.publish_until ?? null) &&
    person(stored.personal) === person(personal)
  );
}

/** The source department of a credit import (chosen on the upload). */
function departmentOf(job: ImportJobContext): string {
  const department = job.options.department;
  if (!department) throw new Error(`credit import ${job.id} has no source department`);
  return department;
}

/** Loads a batch of a department's file (see the file's comment). */
async function loadCreditBatch(
  trx: Transaction<Database>,
  job: ImportJobContext,
  batch: KindBatch<CreditImportRecord>,
): Promise<KindLoadResult> {
  const department = departmentOf(job);
  const { ids, problems } = await resolveEnterprises(trx, job, batch);
  const settingsOn = new Map<string, CreditSettings>();
  const rows: {
    row: number;
    enterpriseId: number;
    record: Insertable<CreditRecordsTable>;
    personal: CreditPersonal | null;
  }[] = [];
  for (const [i, record] of batch.records.entries()) {
    const enterpriseId = ids[i];
    if (enterpriseId === null || enterpriseId === undefined) continue;
    let publishUntil = record.publishUntil;
    if (publishUntil === null && record.category === 'penalty') {
      let settings = settingsOn.get(record.decidedOn);
      if (!settings) {
        settings = await creditSettingsOn(trx, record.decidedOn);
        settingsOn.set(record.decidedOn, settings);
      }
      publishUntil = defaultPublishUntil(record.category, record.decidedOn, settings);
    }
    rows.push({
      row: batch.rows[i] as number,
      enterpriseId,
      personal: record.personal,
      record: {
        enterprise_id: enterpriseId,
        category: record.category,
        item: record.item,
        title: record.title,
        value_number: record.valueNumber,
        value_text: record.valueText,
        decided_on: record.decidedOn,
        publish_until: publishUntil,
        source_kind: 'department',
        source_department: department,
        source_ref: record.sourceRef,
        personal: record.personal === null ? null : JSON.stringify(record.personal),
        import_job_id: job.id,
        created_by: job.createdBy,
      },
    });
  }
  const stored = await findDepartmentRecords(
    trx,
    department,
    rows.map((r) => r.enterpriseId),
    rows.map((r) => r.record.source_ref as string),
  );
  const storedBy = new Map(stored.map((s) => [`${s.enterprise_id}|${s.category}|${s.source_ref}`, s]));
  const inserts: Insertable<CreditRecordsTable>[] = [];
  const superseded: { enterpriseId: number; id: number }[] = [];
  const changed: { enterpriseId: number; row: number }[] = [];
  let unchanged = 0;
  let updated = 0;
  for (const r of rows) {
    const before = storedBy.get(`${r.enterpriseId}|${r.record.category}|${r.record.source_ref}`);
    if (before && isSameRecord(before, r.record, r.personal)) {
      unchanged += 1;
      continue;
    }
    if (before) {
      superseded.push({ enterpriseId: r.enterpriseId, id: before.id });
      updated += 1;
    }
    inserts.push(before ? { ...r.record, corrects: before.id } : r.record);
    changed.push({ enterpriseId: r.enterpriseId, row: r.row });
  }
  // The old record leaves the unique index (partial on status) before its successor enters it.
  await supersedeRecords(trx, superseded);
  await insertRecords(trx, inserts);
  await listImportChanges(trx, job.id, changed);
  return { inserted: inserts.length - updated, updated, unchanged, problems };
}

/** The kind `credit_records` of the registry's import pipeline, for the runner (`startImportRunner`'s kinds). */
export const creditImportKind: ImportKindHandler<CreditImportRecord> = {
  kind: 'credit_records',
  rows: CREDIT_IMPORT_ROWS,
  async check(db, job, batch) {
    return (await resolveEnterprises(db, job, batch)).problems;
  },
  load: loadCreditBatch,
  // The enterprises whose records changed are scored again (in the job's last transaction, once it wrote rows).
  async loaded(trx, job) {
    await queueCreditRescore(trx, await enterprisesChangedByImport(trx, job.id));
  },
};
