/**
 * The registry's tables follow the scale-out rules (issue 20; ADR 0025, ARCHITECTURE.md "Table classes"), so a
 * national deployment can distribute them by enterprise on Citus, while PGlite and one PostgreSQL run them as
 * before:
 *
 * - USCC uniqueness moves from `enterprises` to the lookup table `enterprise_usccs` (distributed by the USCC, its
 *   own colocation group): a unique constraint on a distributed table must include its distribution column. The
 *   registry's upsert claims a USCC there first, in the same transaction (registry.writes.ts).
 * - `enterprise_certifications`, `enterprise_figures` and `qualification_evidence` key their rows by
 *   `(enterprise_id, id)`; evidence points to its certification by both, and its storage key is unique within
 *   the enterprise (the key is random: unique in practice everywhere).
 * - No foreign key from a distributed table to `users` (a local table): the actor columns stay, users are never
 *   deleted. `users` (local) keeps no foreign key to regions, enterprises or institutions: on Citus a local table
 *   tied to a reference table becomes a "Citus local table", whose identity column then hands out duplicate ids.
 *   The accounts service checks these references when it writes a user.
 * - The trigger refusing to delete an enterprise goes (Citus distributes no table with triggers); nothing in the
 *   platform deletes an enterprise (a closed firm gets a status), and the registry exposes no delete.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table enterprise_usccs (uscc char(18) primary key, enterprise_id bigint not null)`.execute(
    db,
  );
  await sql`insert into enterprise_usccs (uscc, enterprise_id) select uscc, id from enterprises`.execute(db);
  await sql`alter table enterprises drop constraint enterprises_uscc_key`.execute(db);
  await sql`drop trigger enterprises_never_deleted on enterprises`.execute(db);
  await sql`drop function enterprises_never_deleted()`.execute(db);

  await sql`alter table qualification_evidence drop constraint qualification_evidence_certification_id_fkey`.execute(
    db,
  );
  await sql`alter table qualification_evidence drop constraint qualification_evidence_uploaded_by_fkey`.execute(
    db,
  );
  await sql`alter table qualification_evidence drop constraint qualification_evidence_storage_key_key`.execute(
    db,
  );
  await sql`alter table qualification_evidence drop constraint qualification_evidence_pkey`.execute(db);
  await sql`alter table qualification_evidence add primary key (enterprise_id, id)`.execute(db);
  await sql`alter table qualification_evidence add constraint qualification_evidence_storage_key_key
    unique (enterprise_id, storage_key)`.execute(db);

  await sql`alter table enterprise_certifications drop constraint enterprise_certifications_pkey`.execute(db);
  await sql`alter table enterprise_certifications add primary key (enterprise_id, id)`.execute(db);
  await sql`alter table qualification_evidence add constraint qualification_evidence_certification_fkey
    foreign key (enterprise_id, certification_id) references enterprise_certifications (enterprise_id, id)`.execute(
    db,
  );

  await sql`alter table enterprise_figures drop constraint enterprise_figures_recorded_by_fkey`.execute(db);
  await sql`alter table enterprise_figures drop constraint enterprise_figures_pkey`.execute(db);
  await sql`alter table enterprise_figures add primary key (enterprise_id, id)`.execute(db);

  await sql`alter table users drop constraint users_institution_id_fkey`.execute(db);
  await sql`alter table users drop constraint users_enterprise_id_fkey`.execute(db);
  await sql`alter table users drop constraint users_region_code_fkey`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users add constraint users_region_code_fkey
    foreign key (region_code) references regions (code)`.execute(db);
  await sql`alter table users add constraint users_enterprise_id_fkey
    foreign key (enterprise_id) references enterprises (id)`.execute(db);
  await sql`alter table users add constraint users_institution_id_fkey
    foreign key (institution_id) references financial_institutions (id)`.execute(db);

  await sql`alter table enterprise_figures drop constraint enterprise_figures_pkey`.execute(db);
  await sql`alter table enterprise_figures add primary key (id)`.execute(db);
  await sql`alter table enterprise_figures add constraint enterprise_figures_recorded_by_fkey
    foreign key (recorded_by) references users (id)`.execute(db);

  await sql`alter table qualification_evidence drop constraint qualification_evidence_certification_fkey`.execute(
    db,
  );
  await sql`alter table enterprise_certifications drop constraint enterprise_certifications_pkey`.execute(db);
  await sql`alter table enterprise_certifications add primary key (id)`.execute(db);
  await sql`alter table qualification_evidence drop constraint qualification_evidence_storage_key_key`.execute(
    db,
  );
  await sql`alter table qualification_evidence drop constraint qualification_evidence_pkey`.execute(db);
  await sql`alter table qualification_evidence add primary key (id)`.execute(db);
  await sql`alter table qualification_evidence add constraint qualification_evidence_storage_key_key
    unique (storage_key)`.execute(db);
  await sql`alter table qualification_evidence add constraint qualification_evidence_uploaded_by_fkey
    foreign key (uploaded_by) references users (id)`.execute(db);
  await sql`alter table qualification_evidence add constraint qualification_evidence_certification_id_fkey
    foreign key (certification_id) references enterprise_certifications (id)`.execute(db);

  await sql`
    create function enterprises_never_deleted() returns trigger language plpgsql as $$
    begin
      raise exception 'enterprises are never deleted: set the status to cancelled or revoked'
        using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`
    create trigger enterprises_never_deleted before delete or truncate on enterprises
    for each statement execute function enterprises_never_deleted()`.execute(db);
  await sql`alter table enterprises add constraint enterprises_uscc_key unique (uscc)`.execute(db);
  await sql`drop table enterprise_usccs`.execute(db);
}
