/**
 * `huiqi backup FILE` and `huiqi restore FILE` for the embedded database (ADR 0021): one gzipped ustar archive
 * holding the PGlite data directory, the stored files (case attachments, qualification evidence), the audit
 * checkpoints and, outside production only, the default audit key. The server must be stopped: PGlite is one
 * process, and the directory's lock (`huiqi.lock`) says who holds it. A restore is written to a directory of its
 * own beside the target, checked against the archive's checksums and row counts, and only then renamed into
 * place, so that a refused, damaged or killed restore leaves the target as it was.
 *
 * The archive, in this order:
 *   manifest.json             format, Huiqi version, latest migration, when, row counts, the audit key's id
 *   database/…                the PostgreSQL files of the data directory (PG_VERSION, base/, global/, pg_*…)
 *   attachments/…             case attachments (not `tmp/`, uploads in flight)
 *   qualification-evidence/…  evidence files of qualifications (not `tmp/`)
 *   audit-checkpoints.jsonl   the signed checkpoints (HUIQI_AUDIT_CHECKPOINT_FILE), when there are any
 *   audit.key                 the default key of a development installation; never a key given by the operator
 *   parts.json                files, bytes and SHA-256 of each part, written last
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  type Dirent,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline as pipelineCallback, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import * as tar from 'tar-stream';
import { API_VERSION } from '../server/app.ts';
import type { Config } from '../server/config.ts';
import { DataDirLockedError, findDataDirHolder, LOCK_FILE, lockDataDir } from '../server/db/data-dir-lock.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrations } from '../server/db/migrations/index.ts';
import { auditChainHead, auditKeyFrom } from '../server/modules/audit/index.ts';

/** What `manifest.json` says; the first entry of every backup. */
export interface BackupManifest {
  format: 'huiqi-backup';
  formatVersion: number;
  huiqiVersion: string;
  /** The latest migration applied to the database (a restore refuses one this code does not know). */
  migration: string;
  createdAt: string;
  /** The PostgreSQL major version of the data files (PGlite's). */
  postgres: string;
  /** Rows of each table, checked again after a restore. */
  rows: Record<string, number>;
  audit: {
    lastSeq: number;
    keyedFrom: number | null;
    /** The public identifier of the key the chain is keyed with (ADR 0010); the key itself is not here. */
    keyId: string | null;
    /** Whether `audit.key` is in the archive (the default key of a development installation only). */
    keyIncluded: boolean;
  };
  /** Names in the data directory the backup leaves out. */
  leftOut: string[];
}

/** What the archive holds of each part, in `parts.json`. */
export interface PartSummary {
  files: number;
  bytes: number;
  sha256: string;
}

const FORMAT = 'huiqi-backup';
const FORMAT_VERSION = 1;
const PARTS = [
  'database',
  'attachments',
  'qualification-evidence',
  'audit-checkpoints',
  'audit-key',
] as const;
type PartName = (typeof PARTS)[number];
const STORED_FILE_DIRS = ['attachments', 'qualification-evidence'] as const;

/** A backup or restore refused, with what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** The PostgreSQL files of a data directory: what initdb makes, never the running server's pid file. */
function isDatabaseEntry(name: string): boolean {
  return /^(PG_VERSION|base|global|pg_[a-z_]+(\.conf)?|postgresql(\.auto)?\.conf)$/.test(name);
}

/** One member of the archive, as the backup writes it and the restore reads it. */
export interface ArchiveEntry {
  /** Relative path with `/` separators; directories without a trailing slash. */
  path: string;
  type: 'file' | 'directory';
  size: number;
  /** Permission bits. */
  mode: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
}

/** An archive tar-stream cannot read (a foreign file, a damaged header, one cut short) or a member no backup holds. */
class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveFormatError';
  }
}

/** A member to write: where it comes from on disk and its header. */
interface Member {
  part: PartName;
  source: string;
  entry: ArchiveEntry;
}

/** Regular files and directories under `dir` (not `skipTop` at its top), as archive members under `prefix`. */
function membersOf(
  part: PartName,
  dir: string,
  prefix: string,
  skipTop: (name: string) => boolean,
): Member[] {
  const members: Member[] = [];
  const walk = (absolute: string, relative: string) => {
    const entries = readdirSync(absolute, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const dirent of entries) {
      if (!relative && skipTop(dirent.name)) continue;
      const source = path.join(absolute, dirent.name);
      const name = relative ? `${relative}/${dirent.name}` : dirent.name;
      const member = memberOf(part, dirent, source, `${prefix}/${name}`);
      if (!member) continue;
      members.push(member);
      if (member.entry.type === 'directory') walk(source, name);
    }
  };
  walk(dir, '');
  return members;
}

function memberOf(part: PartName, dirent: Dirent, source: string, archivePath: string): Member | null {
  if (!dirent.isFile() && !dirent.isDirectory()) return null;
  const stat = statSync(source);
  return {
    part,
    source,
    entry: {
      path: archivePath,
      type: dirent.isDirectory() ? 'directory' : 'file',
      size: dirent.isDirectory() ? 0 : stat.size,
      mode: stat.mode & 0o777,
      mtime: stat.mtimeMs / 1000,
    },
  };
}

/** A file as one member. */
function fileMember(part: PartName, source: string, archivePath: string): Member {
  const stat = statSync(source);
  return {
    part,
    source,
    entry: { path: archivePath, type: 'file', size: stat.size, mode: 0o600, mtime: stat.mtimeMs / 1000 },
  };
}

/** The running digest of a part: each member's kind, path and size, then its content. */
class PartDigest {
  files = 0;
  bytes = 0;
  private hash = createHash('sha256');
  begin(entry: ArchiveEntry) {
    if (entry.type === 'file') this.files++;
    this.bytes += entry.size;
    this.hash.update(`${entry.type} ${entry.path} ${entry.size}\n`);
  }
  update(chunk: Buffer) {
    this.hash.update(chunk);
  }
  summary(): PartSummary {
    return { files: this.files, bytes: this.bytes, sha256: this.hash.copy().digest('hex') };
  }
}

const jsonMember = (name: string, value: unknown): { entry: ArchiveEntry; content: Buffer } => {
  const content = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  return {
    entry: { path: name, type: 'file', size: content.length, mode: 0o600, mtime: Date.now() / 1000 },
    content,
  };
};

/** Whether the key comes from the default file in the data directory (a development installation's own). */
function usesDefaultKeyFile(config: Config): boolean {
  return config.auditKey.kind === 'file' && config.auditKey.variable === 'HUIQI_DATA_DIR';
}

/** What the database says about itself: latest migration, rows per table, the audit chain's head. */
async function describeDatabase(dataDir: string) {
  const handle = await openDatabase({ dataDir, purpose: 'backup' });
  try {
    const latest = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`
      .execute(handle.db)
      .catch(() => ({ rows: [] as { name: string }[] }));
    const migration = latest.rows[0]?.name;
    if (!migration)
      throw new BackupError(
        `The database in ${dataDir} has never been migrated: there is nothing to back up.`,
      );
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(handle.db);
    const rows: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const counted = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(
        handle.db,
      );
      rows[name] = counted.rows[0]?.n ?? 0;
    }
    const head = await auditChainHead(handle.db);
    // Everything in the write-ahead log goes into the data files, so the copy needs no recovery when opened.
    await sql`checkpoint`.execute(handle.db);
    return { migration, rows, head };
  } finally {
    await handle.close();
  }
}

/**
 * Adds one member to the archive and waits until tar-stream has taken it: `content` is the whole content, or a
 * function that writes it in chunks (each write waits while gzip and the file are behind).
 */
async function packEntry(
  pack: tar.Pack,
  entry: ArchiveEntry,
  content?: Buffer | ((write: (chunk: Buffer) => Promise<void>) => Promise<void>),
): Promise<void> {
  const header: Parameters<tar.Pack['entry']>[0] = {
    name: entry.path,
    type: entry.type,
    size: entry.type === 'file' ? entry.size : 0,
    mode: entry.mode,
    mtime: new Date(entry.mtime * 1000),
  };
  if (Buffer.isBuffer(content)) {
    return new Promise((resolve, reject) =>
      pack.entry(header, content, (error) => (error ? reject(error) : resolve())),
    );
  }
  let sink!: ReturnType<tar.Pack['entry']>;
  const done = new Promise<void>((resolve, reject) => {
    sink = pack.entry(header, (error) => (error ? reject(error) : resolve()));
  });
  if (content) {
    try {
      await content(async (chunk) => {
        if (sink.write(chunk)) return;
        // Waits for tar-stream to take more, or for the archive to be given up (the sink then closes).
        await new Promise<void>((resolve) => {
          const go = () => {
            sink.off('drain', go);
            sink.off('close', go);
            resolve();
          };
          sink.on('drain', go);
          sink.on('close', go);
        });
        if (sink.destroyed) await done;
      });
    } catch (error) {
      sink.destroy(error as Error);
      await done.catch(() => undefined);
      throw error;
    }
  }
  // (streamx's types ask for an argument `end` does not need.)
  sink.end(undefined);
  return done;
}

/** What a backup wrote. */
export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  parts: Record<PartName, PartSummary>;
}

/**
 * Backs the embedded database and its files up into `file` (which must not exist). Refuses on PostgreSQL and
 * while another process holds the data directory; holds it itself while it copies, so nothing starts meanwhile.
 */
export async function backUp(config: Config, file: string, now = new Date()): Promise<BackupSummary> {
  if (config.databaseUrl)
    throw new BackupError(
      'DATABASE_URL is set: the database is PostgreSQL, which huiqi backup does not copy. Back it up with pg_dump ' +
        '(pg_dump --format=custom --file=huiqi.dump "$DATABASE_URL") and copy the attachments/ and ' +
        `qualification-evidence/ folders of ${config.dataDir} beside it (README, "Backups").`,
    );
  const dataDir = config.dataDir;
  if (!existsSync(path.join(dataDir, 'PG_VERSION')))
    throw new BackupError(`There is no embedded database in ${dataDir} (HUIQI_DATA_DIR).`);
  const target = path.resolve(file);
  // The archive is always gzip-compressed: a name that says otherwise would mislead whoever restores it.
  if (!/\.(tar\.gz|tgz)$/i.test(target))
    throw new BackupError(
      `${target}: a backup is a gzip-compressed tar archive; give a name ending in .tar.gz or .tgz.`,
    );
  if (existsSync(target))
    throw new BackupError(`${target} exists: give a new file name, or remove it first.`);
  const lock = lockDataDir(dataDir, 'backup');
  try {
    const described = await describeDatabase(dataDir);
    const keyIncluded = usesDefaultKeyFile(config) && existsSync(path.join(dataDir, 'audit.key'));
    const checkpointFile = config.auditCheckpointFile;
    const topLevel = readdirSync(dataDir);
    const members: Member[] = [
      ...membersOf('database', dataDir, 'database', (name) => !isDatabaseEntry(name)),
      ...STORED_FILE_DIRS.flatMap((dir) =>
        existsSync(path.join(dataDir, dir))
          ? membersOf(dir, path.join(dataDir, dir), dir, (name) => name === 'tmp')
          : [],
      ),
      ...(existsSync(checkpointFile)
        ? [fileMember('audit-checkpoints', checkpointFile, 'audit-checkpoints.jsonl')]
        : []),
      ...(keyIncluded ? [fileMember('audit-key', path.join(dataDir, 'audit.key'), 'audit.key')] : []),
    ];
    const included = new Set<string>([
      ...STORED_FILE_DIRS,
      LOCK_FILE,
      ...(keyIncluded ? ['audit.key'] : []),
      ...(path.dirname(checkpointFile) === dataDir ? [path.basename(checkpointFile)] : []),
    ]);
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      huiqiVersion: API_VERSION,
      migration: described.migration,
      createdAt: now.toISOString(),
      postgres: readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim(),
      rows: described.rows,
      audit: {
        lastSeq: described.head.seq,
        keyedFrom: described.head.keyedFrom,
        keyId: described.head.keyId,
        keyIncluded,
      },
      leftOut: topLevel.filter((name) => !isDatabaseEntry(name) && !included.has(name)).sort(),
    };
    const digests = Object.fromEntries(PARTS.map((part) => [part, new PartDigest()])) as Record<
      PartName,
      PartDigest
    >;
    // tar-stream writes the headers (ustar, a pax header for a path too long for it) and pads each member.
    const pack = tar.pack();
    async function fill(): Promise<void> {
      const first = jsonMember('manifest.json', manifest);
      await packEntry(pack, first.entry, first.content);
      for (const member of members) {
        const digest = digests[member.part];
        digest.begin(member.entry);
        if (member.entry.type !== 'file' || member.entry.size === 0) {
          await packEntry(pack, member.entry);
          continue;
        }
        await packEntry(pack, member.entry, async (write) => {
          let written = 0;
          for await (const chunk of createReadStream(member.source, { end: member.entry.size - 1 })) {
            const buffer = chunk as Buffer;
            digest.update(buffer);
            written += buffer.length;
            await write(buffer);
          }
          if (written !== member.entry.size)
            throw new BackupError(`${member.source} changed size while it was copied: run the backup again.`);
        });
      }
      const last = jsonMember('parts.json', {
        parts: Object.fromEntries(PARTS.map((part) => [part, digests[part].summary()])),
      });
      await packEntry(pack, last.entry, last.content);
      pack.finalize();
    }
    // Written beside the target and renamed when complete: an interrupted backup leaves no file of that name.
    const partial = `${target}.partial-${process.pid}`;
    try {
      await Promise.all([
        fill().catch((error: unknown) => {
          pack.destroy(error as Error);
          throw error;
        }),
        pipeline(
          Readable.from(pack),
          createGzip(),
          createWriteStream(partial, { flags: 'wx', mode: 0o600 }),
        ).catch((error: unknown) => {
          pack.destroy(error as Error);
          throw error;
        }),
      ]);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return {
      file: target,
      bytes: statSync(target).size,
      manifest,
      parts: Object.fromEntries(PARTS.map((part) => [part, digests[part].summary()])) as Record<
        PartName,
        PartSummary
      >,
    };
  } finally {
    lock.release();
  }
}

/** What a restore did, and what the operator must still see to. */
export interface RestoreSummary {
  dataDir: string;
  manifest: BackupManifest;
  /** Where the directory that was replaced (`--force`) was moved. */
  replacedMovedTo: string | null;
  /** Things to tell the operator. */
  notes: string[];
}

/** Whether `child` lies inside `parent`. */
function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A member's path, checked: relative, no `..`, no empty segment. */
function safePath(name: string): string[] {
  const segments = name.split('/');
  if (name.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\')))
    throw new BackupError(`The backup holds an unsafe path (${name}): it is not a Huiqi backup.`);
  return segments;
}

/** Whether a process of this host is alive. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the directories restores killed before they finished left beside the target. */
async function removeAbandonedRestores(parent: string, base: string): Promise<void> {
  const pattern = new RegExp(
    `^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.restoring-(\\d+)-[0-9a-f]+$`,
  );
  for (const name of await readdir(parent)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && !isAlive(pid)) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/** A member's header as the backup wrote it; a link, a device or anything else no backup holds is refused. */
function entryOf(header: tar.Header): ArchiveEntry {
  const name = header.name.replace(/\/$/, '');
  if (header.type !== 'file' && header.type !== 'directory')
    throw new ArchiveFormatError(`the entry ${name} is neither a file nor a directory`);
  return {
    path: name,
    type: header.type,
    size: header.type === 'file' ? header.size : 0,
    mode: header.mode,
    mtime: header.mtime.getTime() / 1000,
  };
}

/**
 * Reads an archive with tar-stream, entry by entry: `onEntry` gets each header and its content, which it may read
 * or leave (the rest is skipped before the next entry). What tar-stream refuses — a header that is neither ustar
 * nor GNU (a foreign file), a bad header checksum, an archive ending inside a member — is an ArchiveFormatError;
 * an error of the input (gunzip's) is passed on as it is.
 */
async function readArchive(
  input: Readable,
  onEntry: (entry: ArchiveEntry, content: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const extract = tar.extract();
  let inputError: unknown = null;
  input.on('error', (error) => {
    inputError = error;
    extract.destroy(error);
  });
  input.pipe(extract as unknown as NodeJS.WritableStream);
  // A failure of the input reaches the entries as tar-stream's "Stream was destroyed": the cause is named instead.
  const failure = (error: unknown): unknown => {
    if (inputError) return inputError;
    const message = (error as Error).message;
    return new ArchiveFormatError(
      /unexpected end of data/i.test(message) ? 'the archive ends inside a member (cut short)' : message,
    );
  };
  const entries = extract[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      let next: IteratorResult<tar.Extract extends AsyncIterable<infer S> ? S : never>;
      try {
        next = await entries.next();
      } catch (error) {
        throw failure(error);
      }
      if (next.done) {
        finished = true;
        return;
      }
      const stream = next.value;
      const content = (async function* () {
        try {
          for await (const chunk of stream) yield chunk as Buffer;
        } catch (error) {
          throw failure(error);
        }
      })();
      await onEntry(entryOf(stream.header), content);
      // What onEntry left unread is skipped.
      for await (const _ of content);
    }
  } finally {
    if (!finished) {
      input.unpipe(extract as unknown as NodeJS.WritableStream);
      await entries.return?.();
    }
  }
}

/** Names the failure of reading the archive as the operator needs to hear it. */
function describeReadError(error: unknown, file: string): Error {
  if (error instanceof BackupError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((error as Error).message))
    return new BackupError(`${file} is cut short (truncated): nothing was restored. Use a complete copy.`);
  if (code.startsWith('Z_'))
    return new BackupError(
      `${file} is not a Huiqi backup (not a gzip file, or damaged): nothing was restored.`,
    );
  if (error instanceof ArchiveFormatError)
    return new BackupError(
      `${file} is not a Huiqi backup, or it is damaged (${error.message}): nothing was restored.`,
    );
  return error as Error;
}

/** The id of the audit key this configuration gives, read without creating a key file; null when none. */
function configuredKeyId(config: Config, restoredDir: string): string | null {
  const source = config.auditKey;
  if (source.kind === 'secret') return auditKeyFrom(source.secret).id;
  const file = usesDefaultKeyFile(config) ? path.join(restoredDir, 'audit.key') : source.file;
  try {
    return auditKeyFrom(readFileSync(file, 'utf8').trim()).id;
  } catch {
    return null;
  }
}

/**
 * Restores a backup (`-`: standard input) into the configured data directory, which must be missing or empty
 * unless `force` (then the directory is moved aside, not deleted). Refuses on PostgreSQL, while a process holds
 * the directory, and a file that is not a complete Huiqi backup of a migration this code knows.
 */
export async function restore(
  config: Config,
  file: string,
  options: { force: boolean; input?: NodeJS.ReadableStream; log?: (line: string) => void },
): Promise<RestoreSummary> {
  if (config.databaseUrl)
    throw new BackupError(
      'DATABASE_URL is set: the database is PostgreSQL, which huiqi restore does not write. Restore it with ' +
        'pg_restore (pg_restore --clean --if-exists --dbname="$DATABASE_URL" huiqi.dump) and copy the files back ' +
        '(README, "Backups").',
    );
  const target = config.dataDir;
  const holder = findDataDirHolder(target);
  if (holder) throw new DataDirLockedError(target, holder);
  const targetEntries = existsSync(target) ? readdirSync(target) : [];
  if (existsSync(target) && !lstatSync(target).isDirectory())
    throw new BackupError(`${target} (HUIQI_DATA_DIR) is not a directory.`);
  if (targetEntries.length > 0 && !options.force)
    throw new BackupError(
      `${target} (HUIQI_DATA_DIR) is not empty: restore into a new directory (set HUIQI_DATA_DIR to it), or give ` +
        '--force to replace this one (it is moved aside, not deleted).',
    );
  const input =
    file === '-' ? (options.input ?? process.stdin) : existsSync(file) ? createReadStream(file) : null;
  if (!input) throw new BackupError(`${file} does not exist.`);

  const parent = path.dirname(target);
  const base = path.basename(target);
  await mkdir(parent, { recursive: true });
  await removeAbandonedRestores(parent, base);
  const work = path.join(parent, `.${base}.restoring-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(work, { mode: 0o700 });
  // Said first: the directory a restore killed midway leaves behind (the next restore removes it).
  options.log?.(`Restoring into ${work} …`);
  const fromBackup = {
    checkpoints: path.join(work, '.checkpoints-from-backup'),
    key: path.join(work, '.key-from-backup'),
  };
  try {
    const digests = Object.fromEntries(PARTS.map((part) => [part, new PartDigest()])) as Record<
      PartName,
      PartDigest
    >;
    let manifest: BackupManifest | null = null;
    let parts: Record<string, PartSummary> | null = null;
    const unzipped = pipelineCallback(
      input as NodeJS.ReadableStream & Readable,
      createGunzip(),
      () => undefined,
    );
    try {
      await readArchive(unzipped, async (entry, content) => {
        if (parts) throw new BackupError(`${file} goes on after its parts.json: it is not a Huiqi backup.`);
        if (!manifest) {
          manifest = await readManifest(entry, content, file);
          return;
        }
        const segments = safePath(entry.path);
        const top = segments[0] as string;
        if (entry.path === 'parts.json') {
          parts = (
            JSON.parse((await collect(content, 1024 * 1024)).toString('utf8')) as { parts: typeof parts }
          ).parts;
          return;
        }
        let part: PartName;
        let destination: string;
        if (top === 'database' && segments.length > 1) {
          part = 'database';
          destination = path.join(work, ...segments.slice(1));
        } else if ((top === 'attachments' || top === 'qualification-evidence') && segments.length > 1) {
          part = top;
          destination = path.join(work, ...segments);
        } else if (entry.path === 'audit-checkpoints.jsonl') {
          part = 'audit-checkpoints';
          destination = fromBackup.checkpoints;
        } else if (entry.path === 'audit.key') {
          part = 'audit-key';
          destination = fromBackup.key;
        } else
          throw new BackupError(
            `${file} holds ${entry.path}, which no Huiqi backup holds: nothing was restored.`,
          );
        const digest = digests[part];
        digest.begin(entry);
        if (entry.type === 'directory') {
          await mkdir(destination, { recursive: true, mode: 0o700 });
          return;
        }
        await mkdir(path.dirname(destination), { recursive: true, mode: 0o700 });
        const handle = await open(destination, 'wx', (entry.mode & 0o700) | 0o600);
        try {
          for await (const chunk of content) {
            digest.update(chunk);
            await handle.write(chunk);
          }
        } finally {
          await handle.close();
        }
      });
    } catch (error) {
      // Stops reading (and closes the file) where the refusal was found.
      unzipped.destroy();
      throw describeReadError(error, file);
    }
    if (!manifest) throw new BackupError(`${file} is empty: nothing was restored.`);
    const restored = manifest as BackupManifest;
    if (!parts)
      throw new BackupError(`${file} is cut short (its parts.json is missing): nothing was restored.`);
    const listed = parts as Record<string, PartSummary>;
    for (const part of PARTS) {
      const expected = listed[part];
      const found = digests[part].summary();
      if (
        !expected ||
        expected.files !== found.files ||
        expected.bytes !== found.bytes ||
        expected.sha256 !== found.sha256
      )
        throw new BackupError(
          `${file} is damaged: its ${part} part does not match the checksum the backup recorded. Nothing was restored.`,
        );
    }

    // The copy must open, be at the migration the manifest names and hold the rows it counted.
    await checkRestoredDatabase(work, restored, file);

    const notes: string[] = [];
    if (existsSync(fromBackup.key)) {
      if (usesDefaultKeyFile(config)) await rename(fromBackup.key, path.join(work, 'audit.key'));
      else {
        await rm(fromBackup.key);
        notes.push(
          'The backup holds the default audit key of a development installation; this one takes its key from ' +
            "HUIQI_AUDIT_KEY or HUIQI_AUDIT_KEY_FILE, so the backup's key was not restored.",
        );
      }
    }
    if (restored.audit.keyedFrom !== null) {
      const keyId = configuredKeyId(config, work);
      if (keyId !== restored.audit.keyId)
        notes.push(
          `The audit chain is keyed with the key of id ${restored.audit.keyId}; this configuration gives ${
            keyId ? `the key of id ${keyId}` : 'no key'
          }. Start the server with the key the backup was made under (HUIQI_AUDIT_KEY or HUIQI_AUDIT_KEY_FILE): ` +
            'with another it refuses to start.',
        );
    }
    let checkpointsAfterwards: string | null = null;
    if (existsSync(fromBackup.checkpoints)) {
      const configured = path.resolve(config.auditCheckpointFile);
      if (isInside(target, configured)) {
        const inWork = path.join(work, path.relative(target, configured));
        await mkdir(path.dirname(inWork), { recursive: true });
        await rename(fromBackup.checkpoints, inWork);
      } else if (!existsSync(configured)) checkpointsAfterwards = configured;
      else {
        const kept = path.join(work, 'audit-checkpoints.from-backup.jsonl');
        await rename(fromBackup.checkpoints, kept);
        notes.push(
          `${configured} (HUIQI_AUDIT_CHECKPOINT_FILE) exists and was left as it is: it may record entries made after ` +
            `the backup, which huiqi audit verify then reports as rolled back. The backup's checkpoints are in ${path.join(target, 'audit-checkpoints.from-backup.jsonl')}.`,
        );
      }
    }

    // Into place: the target, if any, is empty or (--force) moved aside; then one rename.
    const stillHeld = findDataDirHolder(target);
    if (stillHeld) throw new DataDirLockedError(target, stillHeld);
    let replacedMovedTo: string | null = null;
    if (existsSync(target)) {
      if (readdirSync(target).length > 0) {
        if (!options.force) throw new BackupError(`${target} is no longer empty: nothing was restored.`);
        replacedMovedTo = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await rename(target, replacedMovedTo);
      } else await rmdir(target);
    }
    try {
      await rename(work, target);
    } catch (error) {
      if (replacedMovedTo) await rename(replacedMovedTo, target);
      throw error;
    }
    if (checkpointsAfterwards) {
      await mkdir(path.dirname(checkpointsAfterwards), { recursive: true });
      await copyFile(path.join(target, '.checkpoints-from-backup'), checkpointsAfterwards);
      await rm(path.join(target, '.checkpoints-from-backup'));
    }
    return { dataDir: target, manifest: restored, replacedMovedTo, notes };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}

async function collect(content: AsyncIterable<Buffer>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of content) {
    length += chunk.length;
    if (length > max) throw new BackupError('a member of the backup is larger than it can be');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The first member: a manifest this code can restore, or a refusal saying why not. */
async function readManifest(
  entry: ArchiveEntry,
  content: AsyncIterable<Buffer>,
  file: string,
): Promise<BackupManifest> {
  const foreign = new BackupError(
    `${file} is not a Huiqi backup (it does not begin with its manifest): nothing was restored.`,
  );
  if (entry.path !== 'manifest.json' || entry.type !== 'file') throw foreign;
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse((await collect(content, 16 * 1024 * 1024)).toString('utf8')) as BackupManifest;
  } catch (error) {
    if (error instanceof BackupError || error instanceof ArchiveFormatError) throw error;
    throw foreign;
  }
  if (manifest.format !== FORMAT) throw foreign;
  if (!(manifest.formatVersion <= FORMAT_VERSION))
    throw new BackupError(
      `${file} is a backup of format ${manifest.formatVersion}, made by Huiqi ${manifest.huiqiVersion}; this Huiqi ` +
        `(${API_VERSION}) reads format ${FORMAT_VERSION}. Restore it with that version or a newer one.`,
    );
  if (!(manifest.migration in migrations))
    throw new BackupError(
      `${file} was made by Huiqi ${manifest.huiqiVersion} at migration ${manifest.migration}, which this Huiqi ` +
        `(${API_VERSION}) does not know: restore it with that version or a newer one. Nothing was restored.`,
    );
  return manifest;
}

/** Opens the restored copy: it must be at the manifest's migration and hold the rows it counted. */
async function checkRestoredDatabase(dir: string, manifest: BackupManifest, file: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    handle = await openDatabase({ dataDir: dir, purpose: 'restore' });
  } catch (error) {
    throw new BackupError(
      `The database in ${file} (PostgreSQL ${manifest.postgres}) cannot be opened by this Huiqi: ${(error as Error).message}`,
    );
  }
  try {
    const latest = await sql<{
      name: string;
    }>`select name from kysely_migration order by name desc limit 1`.execute(handle.db);
    if (latest.rows[0]?.name !== manifest.migration)
      throw new BackupError(`${file} is damaged: its database is not at the migration its manifest names.`);
    for (const [table, expected] of Object.entries(manifest.rows)) {
      const counted = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`
        .execute(handle.db)
        .catch(() => {
          throw new BackupError(
            `${file} is damaged: its database has no table ${table}, which the backup counted.`,
          );
        });
      if (counted.rows[0]?.n !== expected)
        throw new BackupError(
          `${file} is damaged: ${table} holds ${counted.rows[0]?.n} rows, the backup counted ${expected}.`,
        );
    }
  } finally {
    await handle.close();
  }
}
