/**
 * The zip reader behind XLSX imports and attachment sniffing (yauzl, with limits of our own): entries from the
 * central directory, entry streams, and the refusals of cut-off, damaged, encrypted and bomb-shaped zips.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zip } from '../../../test/helpers/zip.ts';
import { MAX_RATIO, ZipArchive, type ZipEntry, ZipFormatError } from './zip.ts';

let dir: string;
let files = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiqi-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A file of these bytes in the test's directory. */
async function aFile(bytes: Buffer): Promise<string> {
  const path = join(dir, `${files++}.zip`);
  await writeFile(path, bytes);
  return path;
}

/** The error `run` fails with, which must be a ZipFormatError. */
async function zipError(run: () => Promise<unknown>): Promise<ZipFormatError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ZipFormatError) return error;
    throw error;
  }
  throw new Error('expected a ZipFormatError');
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The entry of this name (the test fails when there is none). */
function entry(archive: ZipArchive, name: string): ZipEntry {
  const found = archive.entries.get(name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
}

/** Opens the zip at `path`, runs `use` on it and closes it. */
async function withZip<T>(path: string, use: (archive: ZipArchive) => Promise<T>): Promise<T> {
  const archive = await ZipArchive.open(path);
  try {
    return await use(archive);
  } finally {
    archive.close();
  }
}

describe('zip entries', () => {
  it('lists the entries by name with their sizes, from the central directory', async () => {
    const path = await aFile(
      zip([
        { name: 'xl/workbook.xml', data: '<workbook/>' },
        { name: '企业/说明.txt', data: '情况说明' },
      ]),
    );
    const entries = await withZip(path, async (archive) => [...archive.entries.values()]);
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['xl/workbook.xml', 11],
      ['企业/说明.txt', Buffer.byteLength('情况说明')],
    ]);
  });

  it('streams a deflated entry, in any order, with where its data starts', async () => {
    const bytes = zip([
      { name: 'a.xml', data: '<a/>' },
      { name: 'b.xml', data: '<b>乙</b>' },
    ]);
    const path = await aFile(bytes);
    const [b, a] = await withZip(path, async (archive) => {
      const second = await archive.openEntry(entry(archive, 'b.xml'));
      const first = await archive.openEntry(entry(archive, 'a.xml'));
      return [
        { ...second, text: await text(second.stream) },
        { ...first, text: await text(first.stream) },
      ];
    });
    expect(b?.text).toBe('<b>乙</b>');
    expect(a?.text).toBe('<a/>');
    expect(a?.dataOffset).toBe(30 + 'a.xml'.length);
  });

  it('streams a stored (uncompressed) entry', async () => {
    const path = await aFile(zip([{ name: 'OFD.xml', data: '<ofd:OFD/>' }], { store: true }));
    const content = await withZip(path, async (archive) =>
      text((await archive.openEntry(entry(archive, 'OFD.xml'))).stream),
    );
    expect(content).toBe('<ofd:OFD/>');
  });

  it('tells how many bytes of the file an entry’s stream read', async () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, i) => `<row r="${i}"/>`).join(''));
    const bytes = zip([{ name: 'sheet.xml', data }]);
    const path = await aFile(bytes);
    let read = 0;
    const compressedSize = await withZip(path, async (archive) => {
      const sheet = entry(archive, 'sheet.xml');
      await text((await archive.openEntry(sheet, { onCompressedBytes: (n) => (read += n) })).stream);
      return sheet.compressedSize;
    });
    expect(read).toBe(compressedSize);
  });
});

describe('zip refusals', () => {
  it('calls a file cut before its central directory truncated', async () => {
    const whole = zip([{ name: 'a.xml', data: Buffer.alloc(4096, 'a') }]);
    const path = await aFile(whole.subarray(0, whole.length >> 1));
    expect((await zipError(() => ZipArchive.open(path))).kind).toBe('truncated');
  });

  it('calls a central directory that is not one damaged', async () => {
    const bytes = zip([{ name: 'a.xml', data: '<a/>' }]);
    const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(0x12345678, cd);
    const path = await aFile(bytes);
    expect((await zipError(() => ZipArchive.open(path))).kind).toBe('corrupt');
  });

  it('refuses more entries than the limit before reading them', async () => {
    const path = await aFile(zip(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.xml`, data: 'x' }))));
    const error = await zipError(() => ZipArchive.open(path, 10));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain('11 entries');
  });

  it('calls an encrypted entry unsupported', async () => {
    const bytes = zip([{ name: 'a.xml', data: '<a/>' }]);
    // The general purpose flags of the local and the central header: bit 0, encrypted.
    bytes.writeUInt16LE(1, 6);
    bytes.writeUInt16LE(1, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    const path = await aFile(bytes);
    const error = await withZip(path, (archive) =>
      zipError(() => archive.openEntry(entry(archive, 'a.xml'))),
    );
    expect(error.kind).toBe('unsupported');
  });

  it('refuses an entry declaring more than its part limit before inflating it (bomb)', async () => {
    const path = await aFile(zip([{ name: 'sheet.xml', data: Buffer.alloc(1024 * 1024, 'A') }]));
    const error = await withZip(path, (archive) =>
      zipError(() => archive.openEntry(entry(archive, 'sheet.xml'), { maxBytes: 64 * 1024 })),
    );
    expect(error.kind).toBe('bomb');
  });

  it('stops inflating an entry at its declared size when the zip lies about it', async () => {
    const path = await aFile(
      zip([{ name: 'sheet.xml', data: Buffer.alloc(1024 * 1024, 'A'), declaredSize: 64 * 1024 }]),
    );
    const error = await withZip(path, async (archive) => {
      const { stream } = await archive.openEntry(entry(archive, 'sheet.xml'));
      return zipError(() => text(stream));
    });
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain('larger than its declared size');
  });

  it('calls an entry that inflates to less than its declared size damaged', async () => {
    const path = await aFile(zip([{ name: 'sheet.xml', data: '<a/>', declaredSize: 100 }]));
    const error = await withZip(path, async (archive) => {
      const { stream } = await archive.openEntry(entry(archive, 'sheet.xml'));
      return zipError(() => text(stream));
    });
    expect(error.kind).toBe('corrupt');
  });

  it(`stops an entry that inflates more than ${MAX_RATIO}:1 once past 16 MiB, whatever its limits (bomb)`, async () => {
    const path = await aFile(zip([{ name: 'sheet.xml', data: Buffer.alloc(24 * 1024 * 1024, 'A') }]));
    const error = await withZip(path, async (archive) => {
      const { stream } = await archive.openEntry(entry(archive, 'sheet.xml'));
      return zipError(() => text(stream));
    });
    expect(error.kind).toBe('bomb');
    expect(error.message).toContain(`${MAX_RATIO}:1`);
  });
});
