/**
 * `huiqi backup` and `huiqi restore` (ADR 0021): a backup of an embedded installation — cases, an attachment, a
 * keyed audit chain with a checkpoint — restored into a fresh directory holds the same rows and files and
 * verifies intact; and every refusal: a directory the server holds, a target that is not empty, a truncated,
 * foreign or damaged file, a backup of a newer migration, PostgreSQL, and a restore killed midway.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createGunzip, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  anAppOn,
  anEmbeddedDataDirectory,
  type MadeDataDirectory,
} from '../../test/helpers/backup-factories.ts';
import { aDemand, anEnterprise, anEnterpriseUser, signIn } from '../../test/helpers/factories.ts';
import { loadConfig } from '../server/config.ts';
import { LOCK_FILE } from '../server/db/data-dir-lock.ts';
import { openDatabase } from '../server/db/database.ts';
import { auditKeyFrom, checkpointAuditHead, setAuditKey } from '../server/modules/audit/index.ts';
import { type ArchiveEntry, BackupError, backUp, restore } from './backup.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/huiqi.js');
const KEY = 'backup-test-audit-key-of-at-least-32-characters';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** The environment of a production installation in `dataDir`, its audit key given by the operator. */
const productionEnv = (dataDir: string) => ({
  HUIQI_MODE: 'production',
  HUIQI_AUDIT_KEY: KEY,
  HUIQI_DATA_DIR: dataDir,
});

async function huiqi(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', HUIQI_AUDIT_CHECKPOINT_FILE: '', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every file under a directory, relative path → SHA-256. */
function filesOf(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return files;
}

/** What a test compares between two installations: cases, attachments' metadata, users, the audit chain. */
async function rowsOf(dataDir: string) {
  const handle = await openDatabase({ dataDir });
  try {
    const select = async (query: ReturnType<typeof sql>) => (await query.execute(handle.db)).rows;
    return {
      cases: await select(sql`select id, number, title, state, version from cases order by id`),
      attachments: await select(
        sql`select id, case_id, file_name, sha256, size_bytes, storage_key from case_attachments order by id`,
      ),
      users: await select(sql`select id, username, role, password_hash from users order by id`),
      audit: await select(sql`select seq, hash from audit_log order by seq`),
    };
  } finally {
    await handle.close();
  }
}

/** A member of an archive as a test reads or forges it: its kind (a link names its target) and content. */
type Member = { type: ArchiveEntry['type'] | 'symlink'; content: Buffer; linkname?: string };

/** The members of a backup in order: path (directories without their trailing slash) → kind and content. */
async function membersOf(file: string): Promise<Map<string, Member>> {
  const members = new Map<string, Member>();
  const extract = tar.extract();
  createReadStream(file)
    .pipe(createGunzip())
    .pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const type = entry.header.type === 'directory' ? 'directory' : 'file';
    members.set(entry.header.name.replace(/\/$/, ''), { type, content: Buffer.concat(chunks) });
  }
  return members;
}

/** A backup rebuilt from members (some changed, some forged), as a damaged or crafted file would be. */
async function archiveOf(members: Map<string, Member>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, { type, content, linkname }] of members) {
    if (type === 'file') pack.entry({ name, type, mode: 0o600, mtime: new Date(0) }, content);
    else pack.entry({ name, type, linkname, mode: 0o700, mtime: new Date(0) }).end(undefined);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

/** The refusal a promise ends with. */
async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

/** Restore work directories left beside a target. */
const leftovers = (root: string) => readdirSync(root).filter((name) => name.includes('.restoring-'));

describe('huiqi backup and restore of the embedded database', { timeout: 120_000 }, () => {
  let source: MadeDataDirectory;
  let backupFile: string;
  let backupOutput: string;
  let restoredDir: string;
  let restoreOutput: string;

  beforeAll(async () => {
    // A production installation: cases, an attachment on disk, a chain keyed with the operator's key, a checkpoint.
    source = await anEmbeddedDataDirectory();
    const key = auditKeyFrom(KEY);
    setAuditKey(key);
    const t = await anAppOn(source.dataDir, { HUIQI_AUDIT_KEY: KEY });
    try {
      const enterprise = await anEnterprise(t.handle.db);
      const session = await signIn(t, await anEnterpriseUser(t.handle.db, enterprise));
      const demand = await aDemand(t, session, { kind: 'help', category: 'rights', title: '附件备份' });
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${demand.id}/attachments?fileName=${encodeURIComponent('合同.pdf')}`,
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/octet-stream',
        },
        payload: PDF,
      });
      if (uploaded.statusCode !== 201) throw new Error(`upload: ${uploaded.statusCode} ${uploaded.body}`);
      await checkpointAuditHead(t.handle.db, key, {
        file: path.join(source.dataDir, 'audit-checkpoints.jsonl'),
      });
    } finally {
      await t.close();
      setAuditKey(null);
    }
    backupFile = path.join(source.root, 'huiqi.tar.gz');
    const backedUp = await huiqi(['backup', backupFile], productionEnv(source.dataDir));
    if (backedUp.code !== 0) throw new Error(`backup: ${backedUp.stderr}`);
    backupOutput = backedUp.stdout;
    restoredDir = path.join(source.root, 'restored');
    const restored = await huiqi(['restore', backupFile], productionEnv(restoredDir));
    if (restored.code !== 0) throw new Error(`restore: ${restored.stderr}`);
    restoreOutput = restored.stdout;
  }, 300_000);
  afterAll(() => source?.remove());

  it('restores the same cases, attachments, users and audit entries into a fresh directory', async () => {
    const before = await rowsOf(source.dataDir);
    expect(before.attachments).toHaveLength(1);
    expect(await rowsOf(restoredDir)).toEqual(before);
    expect(restoreOutput).toContain(`into ${restoredDir}`);
  });

  it('restores the attachment files byte for byte', () => {
    const attachments = filesOf(path.join(source.dataDir, 'attachments'));
    expect(Object.values(attachments)).toContain(createHash('sha256').update(PDF).digest('hex'));
    expect(filesOf(path.join(restoredDir, 'attachments'))).toEqual(attachments);
  });

  it('restores the checkpoints the backup carried', () => {
    const carried = readFileSync(path.join(source.dataDir, 'audit-checkpoints.jsonl'), 'utf8');
    expect(carried.trim().split('\n')).toHaveLength(1);
    // `audit verify` (another test) may have added a line since: the carried lines come first.
    expect(readFileSync(path.join(restoredDir, 'audit-checkpoints.jsonl'), 'utf8').startsWith(carried)).toBe(
      true,
    );
  });

  it('verifies the restored audit chain intact and matching its checkpoint', async () => {
    const verified = await huiqi(['audit', 'verify'], productionEnv(restoredDir));
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      /Hash chain intact: \d+ entries verified \(last seq \d+, keyed with the audit key/,
    );
    expect(verified.stdout).toMatch(/Checkpoints: [1-9]\d* read, [1-9]\d* matching the chain/);
  }, 120_000);

  it('writes a manifest first (format, version, latest migration, rows) and the parts last', async () => {
    const all = await membersOf(backupFile);
    const members = [...all.keys()];
    expect(members[0]).toBe('manifest.json');
    expect(members.at(-1)).toBe('parts.json');
    const manifest = JSON.parse(all.get('manifest.json')?.content.toString() ?? '{}');
    expect(manifest).toMatchObject({
      format: 'huiqi-backup',
      formatVersion: 1,
      rows: { case_attachments: 1 },
    });
    expect(manifest.migration).toMatch(/^\d{8}_\d{4}_/);
    const attachments = members.filter(
      (name) => name.startsWith('attachments/') && all.get(name)?.type === 'file',
    );
    expect(attachments.map((name) => all.get(name)?.content)).toEqual([PDF]);
  });

  it('writes a .tar.gz that the system tar lists, the manifest first and the parts last', async () => {
    const listed = (await run('tar', ['-tzf', backupFile])).stdout.trim().split('\n');
    expect(listed[0]).toBe('manifest.json');
    expect(listed.at(-1)).toBe('parts.json');
    expect(listed).toContain('database/PG_VERSION');
  });

  it('never puts the audit key the operator gives into the backup, and says which key to keep beside it', async () => {
    const members = await membersOf(backupFile);
    expect(members.has('audit.key')).toBe(false);
    for (const { content } of members.values()) expect(content.includes(KEY)).toBe(false);
    expect(backupOutput).toContain(
      `audit key: NOT included. The audit chain is keyed with the key of id ${auditKeyFrom(KEY).id}`,
    );
  });

  it('refuses to restore over a directory that is not empty, and leaves it untouched', async () => {
    const target = path.join(source.root, 'occupied');
    mkdirSync(target);
    writeFileSync(path.join(target, 'notes.txt'), 'keep me');
    const error = await refusal(restore(loadConfig(productionEnv(target)), backupFile, { force: false }));
    expect(error.message).toContain('is not empty');
    expect(error.message).toContain('--force');
    expect(readdirSync(target)).toEqual(['notes.txt']);
    expect(leftovers(source.root)).toEqual([]);
  });

  it('with --force replaces a directory that is not empty, moving it aside', async () => {
    const target = path.join(source.root, 'replaced');
    mkdirSync(target);
    writeFileSync(path.join(target, 'notes.txt'), 'keep me');
    const summary = await restore(loadConfig(productionEnv(target)), backupFile, { force: true });
    expect(summary.replacedMovedTo).not.toBeNull();
    expect(readFileSync(path.join(summary.replacedMovedTo as string, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
  });

  it('refuses a truncated backup and leaves no directory behind', async () => {
    const truncated = path.join(source.root, 'truncated.tar.gz');
    const whole = readFileSync(backupFile);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const target = path.join(source.root, 'from-truncated');
    const error = await refusal(restore(loadConfig(productionEnv(target)), truncated, { force: false }));
    expect(error).toBeInstanceOf(BackupError);
    expect(error.message).toContain('cut short');
    expect(existsSync(target)).toBe(false);
    expect(leftovers(source.root)).toEqual([]);
  });

  it('refuses a file that is not a backup, naming it', async () => {
    const foreign = path.join(source.root, 'photo.jpg');
    writeFileSync(foreign, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]));
    const target = path.join(source.root, 'from-foreign');
    const error = await refusal(restore(loadConfig(productionEnv(target)), foreign, { force: false }));
    expect(error.message).toContain('photo.jpg is not a Huiqi backup');
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a gzipped archive of something else', async () => {
    const other = path.join(source.root, 'other.tar.gz');
    writeFileSync(
      other,
      await archiveOf(new Map([['readme.txt', { type: 'file', content: Buffer.from('hello') }]])),
    );
    const error = await refusal(
      restore(loadConfig(productionEnv(path.join(source.root, 'from-other'))), other, { force: false }),
    );
    expect(error.message).toContain('is not a Huiqi backup (it does not begin with its manifest)');
  });

  it('refuses a backup whose attachment was altered (its checksum differs) and leaves no directory', async () => {
    const members = await membersOf(backupFile);
    const name = [...members.keys()].find(
      (key) => key.startsWith('attachments/') && members.get(key)?.type === 'file',
    );
    if (!name) throw new Error('no attachment in the backup');
    const original = members.get(name)?.content.toString() ?? '';
    members.set(name, { type: 'file', content: Buffer.from(original.replace('Catalog', 'Katalog')) });
    const damaged = path.join(source.root, 'damaged.tar.gz');
    writeFileSync(damaged, await archiveOf(members));
    const target = path.join(source.root, 'from-damaged');
    const error = await refusal(restore(loadConfig(productionEnv(target)), damaged, { force: false }));
    expect(error.message).toContain('is damaged: its attachments part does not match the checksum');
    expect(existsSync(target)).toBe(false);
    expect(leftovers(source.root)).toEqual([]);
  });

  it.each([
    ['a path that climbs out of the directory', 'climbing', () => '../evil'],
    ['a path that climbs out of a part', 'climbing-part', () => 'attachments/../../evil'],
    ['an absolute path', 'absolute', () => path.join(source.root, 'evil')],
  ])(
    'refuses a crafted backup holding %s after its manifest, and writes nothing outside',
    async (_, name, evil) => {
      const manifest = (await membersOf(backupFile)).get('manifest.json');
      if (!manifest) throw new Error('no manifest in the backup');
      const crafted = path.join(source.root, `${name}.tar.gz`);
      writeFileSync(
        crafted,
        await archiveOf(
          new Map([
            ['manifest.json', manifest],
            [evil(), { type: 'file', content: Buffer.from('evil') }],
          ]),
        ),
      );
      const target = path.join(source.root, `from-${name}`);
      const error = await refusal(restore(loadConfig(productionEnv(target)), crafted, { force: false }));
      expect(error.message).toContain(
        `The backup holds an unsafe path (${evil()}): it is not a Huiqi backup.`,
      );
      expect(existsSync(path.join(source.root, 'evil'))).toBe(false);
      expect(existsSync(target)).toBe(false);
      expect(leftovers(source.root)).toEqual([]);
    },
  );

  it('refuses a crafted backup holding a link, and writes nothing', async () => {
    const manifest = (await membersOf(backupFile)).get('manifest.json');
    if (!manifest) throw new Error('no manifest in the backup');
    const crafted = path.join(source.root, 'linked.tar.gz');
    writeFileSync(
      crafted,
      await archiveOf(
        new Map<string, Member>([
          ['manifest.json', manifest],
          ['attachments/link', { type: 'symlink', content: Buffer.alloc(0), linkname: '/etc/passwd' }],
        ]),
      ),
    );
    const target = path.join(source.root, 'from-linked');
    const error = await refusal(restore(loadConfig(productionEnv(target)), crafted, { force: false }));
    expect(error.message).toContain('linked.tar.gz is not a Huiqi backup, or it is damaged');
    expect(error.message).toContain('the entry attachments/link is neither a file nor a directory');
    expect(existsSync(target)).toBe(false);
    expect(leftovers(source.root)).toEqual([]);
  });

  it('refuses a file name that does not say gzip-compressed tar, and writes nothing', async () => {
    const plain = path.join(source.root, 'huiqi.tar');
    const error = await refusal(backUp(loadConfig(productionEnv(source.dataDir)), plain));
    expect(error.message).toBe(
      `${plain}: a backup is a gzip-compressed tar archive; give a name ending in .tar.gz or .tgz.`,
    );
    expect(existsSync(plain)).toBe(false);
  });

  it('refuses on PostgreSQL, naming pg_dump and pg_restore', async () => {
    const config = loadConfig({
      ...productionEnv(source.dataDir),
      DATABASE_URL: 'postgres://huiqi@127.0.0.1/huiqi',
    });
    expect((await refusal(backUp(config, path.join(source.root, 'pg.tar.gz')))).message).toContain('pg_dump');
    expect((await refusal(restore(config, backupFile, { force: false }))).message).toContain('pg_restore');
  });

  it('leaves no half-written directory when a restore is killed midway, and the next restore cleans up', async () => {
    const target = path.join(source.root, 'killed');
    const child: ChildProcess = spawn(process.execPath, [BIN, 'restore', '-'], {
      env: { ...process.env, DATABASE_URL: '', HUIQI_AUDIT_CHECKPOINT_FILE: '', ...productionEnv(target) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    onTestFinished(() => void child.kill('SIGKILL'));
    // Killed while its input is still open: the pipe breaks, as it should.
    child.stdin?.on('error', () => undefined);
    // Half the file, the rest never comes: the restore is midway, its work directory filling, when it is killed.
    const whole = readFileSync(backupFile);
    child.stdin?.write(whole.subarray(0, Math.floor(whole.length / 2)));
    const work = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /Restoring into (\S+) /.exec(out);
        if (found) resolve(found[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`the restore exited (${code}) before it began`)));
    });
    // The database's files come first, PG_VERSION then base/: the work directory is half filled.
    while (!existsSync(path.join(work, 'base')) && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(target)).toBe(false);
    expect(existsSync(work)).toBe(true);
    await restore(loadConfig(productionEnv(target)), backupFile, { force: false });
    expect(existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
    expect(existsSync(work)).toBe(false);
  }, 180_000);
});

describe('huiqi backup while the directory is in use', { timeout: 120_000 }, () => {
  it('refuses while the server runs on the directory, naming it, and goes ahead once it has stopped', async () => {
    const made = await anEmbeddedDataDirectory();
    onTestFinished(() => made.remove());
    const server = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        HUIQI_AUDIT_CHECKPOINT_FILE: '',
        ...productionEnv(made.dataDir),
        PORT: '0',
        HUIQI_WEB_DIR: '/nonexistent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    onTestFinished(() => void server.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready in')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
    });
    const config = loadConfig(productionEnv(made.dataDir));
    const file = path.join(made.root, 'while-serving.tar.gz');
    const error = await refusal(backUp(config, file));
    expect(error.message).toContain(`(server, pid ${server.pid} on`);
    expect(error.message).toContain('stop the server');
    expect(existsSync(file)).toBe(false);
    const restoring = await refusal(restore(config, file, { force: true }));
    expect(restoring.message).toContain('is in use by another process (server');
    server.kill('SIGTERM');
    await exited;
    await backUp(config, file);
    expect(existsSync(file)).toBe(true);
  }, 180_000);

  it('is not stopped by the lock of a process that was killed', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const copy = await anEmbeddedDataDirectory();
    try {
      writeFileSync(
        path.join(copy.dataDir, LOCK_FILE),
        JSON.stringify({ pid: gone.pid, host: os.hostname(), purpose: 'server', since: '', token: 'x' }),
      );
      const summary = await backUp(loadConfig(productionEnv(copy.dataDir)), path.join(copy.root, 'b.tar.gz'));
      expect(summary.bytes).toBeGreaterThan(0);
      expect(existsSync(path.join(copy.dataDir, LOCK_FILE))).toBe(false);
    } finally {
      copy.remove();
    }
  });
});

describe('huiqi restore of a backup from a newer release', { timeout: 120_000 }, () => {
  it('refuses a backup at a migration this code does not know, naming it', async () => {
    const made = await anEmbeddedDataDirectory();
    try {
      const handle = await openDatabase({ dataDir: made.dataDir });
      await sql`insert into kysely_migration (name, timestamp) values ('29990101_0000_from_a_newer_release', '2999-01-01')`.execute(
        handle.db,
      );
      await handle.close();
      const file = path.join(made.root, 'newer.tar.gz');
      await backUp(loadConfig(productionEnv(made.dataDir)), file);
      const target = path.join(made.root, 'from-newer');
      const error = await refusal(restore(loadConfig(productionEnv(target)), file, { force: false }));
      expect(error.message).toContain('at migration 29990101_0000_from_a_newer_release, which this Huiqi');
      expect(existsSync(target)).toBe(false);
    } finally {
      made.remove();
    }
  });
});

describe('huiqi backup of a development installation', { timeout: 120_000 }, () => {
  it('carries the default audit key of the data directory and restores it', async () => {
    const made = await anEmbeddedDataDirectory();
    try {
      const developmentEnv = (dataDir: string) => ({ HUIQI_MODE: 'development', HUIQI_DATA_DIR: dataDir });
      writeFileSync(path.join(made.dataDir, 'audit.key'), `${'d'.repeat(64)}\n`, { mode: 0o600 });
      const file = path.join(made.root, 'dev.tar.gz');
      const summary = await backUp(loadConfig(developmentEnv(made.dataDir)), file);
      expect(summary.manifest.audit.keyIncluded).toBe(true);
      const target = path.join(made.root, 'dev-restored');
      await restore(loadConfig(developmentEnv(target)), file, { force: false });
      expect(readFileSync(path.join(target, 'audit.key'), 'utf8')).toBe(`${'d'.repeat(64)}\n`);
    } finally {
      made.remove();
    }
  });
});
