/**
 * Bulk-import throughput (issue 3, ADR 0006). Measured on PostgreSQL 15, 200,000 enterprises with one year of
 * figures, one set-based statement per table: the foreign keys of figures and sizes to enterprises cost ~1 s
 * each, the search index ~2 s of which most on the few bigrams every name shares (有限, 公司…).
 *
 * - Figures and size classes lose their foreign keys; their enterprise ids come from the enterprise write in the
 *   same transaction, and enterprises are never deleted (a trigger refuses it: a closed firm gets a status).
 * - Size classes lose their (standard, year, size) index: statistics read the roll-up, lists join by the primary
 *   key, and a year's refresh reads the whole year.
 * - The search index keeps up to 64 MB of new entries in its pending list and merges them in bulk, and holds
 *   name bigrams only: not the legal-form bigrams every name shares, nor pinyin-initials bigrams (initials are
 *   matched by scanning `name_initials`; an index of 26-letter bigrams was hardly faster). Stored terms are
 *   trimmed to match.
 * - `last_import_job` / `last_import_row` record the import (and row) that last wrote an enterprise, so a USCC
 *   repeated within one file is found by the write itself instead of an extra indexed insert per row.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table enterprise_figures drop constraint enterprise_figures_enterprise_id_fkey`.execute(db);
  await sql`alter table enterprise_sizes drop constraint enterprise_sizes_enterprise_id_fkey`.execute(db);
  await sql`drop index enterprise_sizes_year_idx`.execute(db);
  await sql`
    create function enterprises_never_deleted() returns trigger language plpgsql as $$
    begin
      raise exception 'enterprises are never deleted: set the status to cancelled or revoked'
        using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`
    create trigger enterprises_never_deleted before delete or truncate on enterprises
    for each statement execute function enterprises_never_deleted()`.execute(db);
  await sql`alter index enterprises_search_idx set (gin_pending_list_limit = 65536)`.execute(db);
  await sql`
    update enterprises set search_terms = array(
      select t from unnest(search_terms) as t
      where t not like '~%' and t <> all (array['有限', '限公', '公司', '限责', '责任', '任公', '股份', '份有']))
    where search_terms && array['有限', '限公', '公司', '限责', '责任', '任公', '股份', '份有']
      or exists (select 1 from unnest(search_terms) as t where t like '~%')`.execute(db);
  await sql`alter table enterprises add column last_import_job bigint, add column last_import_row integer`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table enterprises drop column last_import_job, drop column last_import_row`.execute(db);
  await sql`alter index enterprises_search_idx reset (gin_pending_list_limit)`.execute(db);
  await sql`drop trigger enterprises_never_deleted on enterprises`.execute(db);
  await sql`drop function enterprises_never_deleted()`.execute(db);
  await sql`create index enterprise_sizes_year_idx on enterprise_sizes (standard, year, size)`.execute(db);
  await sql`
    alter table enterprise_sizes add constraint enterprise_sizes_enterprise_id_fkey
      foreign key (enterprise_id) references enterprises (id) on delete cascade`.execute(db);
  await sql`
    alter table enterprise_figures add constraint enterprise_figures_enterprise_id_fkey
      foreign key (enterprise_id) references enterprises (id) on delete cascade`.execute(db);
}
