/**
 * Issue 12. Evidence files of qualifications (资质): the certificate (PDF or image) an official attaches when
 * recording a qualification (`stage` 'added') or when ending it (the revocation notice: 'ended'). The files are on
 * disk under `<dataDir>/qualification-evidence` (src/server/lib/stored-files.ts), their metadata here.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table qualification_evidence (
      id bigint generated always as identity primary key,
      certification_id bigint not null references enterprise_certifications (id),
      enterprise_id bigint not null references enterprises (id),
      stage text not null check (stage in ('added', 'ended')),
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 char(64) not null,
      storage_key text not null unique,
      uploaded_by bigint not null references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index qualification_evidence_certification_idx on qualification_evidence (certification_id)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table qualification_evidence`.execute(db);
}
