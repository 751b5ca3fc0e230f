/** Kysely table types owned by the jobs module. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

/** Where a job is. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** `jobs`: durable background work (matching, notification delivery), claimed by any server instance. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: Generated<JobStatus>;
  dedupe_key: string | null;
  attempts: Generated<number>;
  run_after: Timestamp;
  progress: Json | null;
  result: Json | null;
  error_message: string | null;
  /** The request that queued the job (its log lines carry it); null for work no request queued. */
  request_id: Generated<string | null>;
  created_at: Timestamp;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

/** `job_cursors`: the last day each kind of daily due run has covered (issue 21). */
export interface JobCursorsTable {
  kind: string;
  through: string;
  state: string | null;
  updated_at: Generated<Date>;
}
