/** The SQL of `credit_settings`: the dated figures of the credit rules (credit.rules.ts `CreditSettings`). */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  CREDIT_SETTING_KEYS,
  type CreditSetting,
  type CreditSettingKey,
  type CreditSettings,
} from './credit.rules.ts';

type Db = Kysely<Database>;

/** The figures in force on a day: for each key, the row with the latest start on or before it. */
export async function creditSettingsOn(db: Db, day: string): Promise<CreditSettings> {
  const rows = await db
    .selectFrom('credit_settings')
    .selectAll()
    .where('effective_from', '<=', day)
    .orderBy('key')
    .orderBy('effective_from', 'desc')
    .execute();
  const found = new Map<string, CreditSetting>();
  for (const row of rows)
    if (!found.has(row.key))
      found.set(row.key, {
        key: row.key as CreditSettingKey,
        effectiveFrom: row.effective_from,
        value: Number(row.value),
        unit: row.unit,
        basis: row.basis,
        verified: row.verified,
      });
  const missing = CREDIT_SETTING_KEYS.filter((k) => !found.has(k));
  if (missing.length > 0)
    throw new Error(`credit_settings has no figure in force on ${day} for ${missing.join(', ')}`);
  return Object.fromEntries(found) as unknown as CreditSettings;
}

/** Every dated row of the figures, newest first per key (the settings page, history included). */
export async function listCreditSettings(db: Db): Promise<CreditSetting[]> {
  const rows = await db
    .selectFrom('credit_settings')
    .selectAll()
    .orderBy('key')
    .orderBy('effective_from', 'desc')
    .execute();
  return rows.map((row) => ({
    key: row.key as CreditSettingKey,
    effectiveFrom: row.effective_from,
    value: Number(row.value),
    unit: row.unit,
    basis: row.basis,
    verified: row.verified,
  }));
}

/** Adds (or replaces, same key and day) a dated figure. */
export async function putCreditSetting(
  db: Db | Transaction<Database>,
  setting: CreditSetting,
  userId: number,
): Promise<void> {
  await db
    .insertInto('credit_settings')
    .values({
      key: setting.key,
      effective_from: setting.effectiveFrom,
      value: setting.value,
      unit: setting.unit,
      basis: setting.basis,
      verified: setting.verified,
      updated_by: userId,
    })
    .onConflict((oc) =>
      oc.columns(['key', 'effective_from']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        unit: eb.ref('excluded.unit'),
        basis: eb.ref('excluded.basis'),
        verified: eb.ref('excluded.verified'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: sql`now()`,
      })),
    )
    .execute();
}
