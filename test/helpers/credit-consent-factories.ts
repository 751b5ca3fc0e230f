/** Test factories of credit information (issue 14): records as a department shares them, consents in any state. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

let serial = 0;

/** A record as a department shares it (a licence unless told), stored directly. */
export async function aCreditRecord(
  db: Kysely<Database>,
  enterpriseId: number,
  options: Partial<{
    category: string;
    item: string;
    title: string;
    valueNumber: number | null;
    valueText: string | null;
    decidedOn: string;
    publishUntil: string | null;
    sourceDepartment: string;
    personal: { legalRepName?: string; legalRepId?: string } | null;
  }> = {},
): Promise<{ id: number; title: string }> {
  serial += 1;
  const title = options.title ?? `测试记录${serial}`;
  const row = await db
    .insertInto('credit_records')
    .values({
      enterprise_id: enterpriseId,
      category: options.category ?? 'licence',
      item: options.item ?? 'licence',
      title,
      value_number: options.valueNumber ?? null,
      value_text: options.valueText ?? null,
      decided_on: options.decidedOn ?? '2024-03-01',
      publish_until: options.publishUntil ?? null,
      source_kind: 'department',
      source_department: options.sourceDepartment ?? '市场监管局',
      source_ref: `REF-${serial}`,
      personal: options.personal ? JSON.stringify(options.personal) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, title };
}

/** Moves a consent's dates (to make one expired or not yet started without waiting). */
export async function setConsentDates(
  db: Kysely<Database>,
  enterpriseId: number,
  consentId: number,
  dates: { validFrom?: string; validUntil?: string },
): Promise<void> {
  await db
    .updateTable('credit_consents')
    .set({
      ...(dates.validFrom ? { valid_from: dates.validFrom } : {}),
      ...(dates.validUntil ? { valid_until: dates.validUntil } : {}),
    })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', consentId)
    .execute();
}
