/**
 * What an uploaded file really is (`sniffFile`): signatures through file-type, ZIP and OLE2 members by our own
 * reading, text otherwise. The HTTP behaviour (415 naming what was found, nothing kept) is tested with the uses:
 * cases.attachments.test.ts and registry.qualification-evidence.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zip } from '../../../test/helpers/zip.ts';
import { type Sniffed, sniffFile } from './stored-files.ts';

let dir: string;
let files = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiqi-sniff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What `sniffFile` makes of a file of these bytes. */
async function sniffed(bytes: Buffer | string): Promise<Sniffed> {
  const path = join(dir, String(files++));
  await writeFile(path, bytes);
  return sniffFile(path);
}

/** The English name of what a refused file was found to be. */
async function refusedAs(bytes: Buffer | string): Promise<string> {
  const result = await sniffed(bytes);
  if (result.type !== 'refused') throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result.what.en;
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('accepted kinds by signature', () => {
  it('takes a GIF by its signature', async () => {
    expect(await sniffed(bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0]))).toEqual({ type: 'file', kind: 'gif' });
  });

  it('takes a WebP by its RIFF signature', async () => {
    const webp = bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8 ', [14, 0, 0, 0], Array(14).fill(0));
    expect(await sniffed(webp)).toEqual({ type: 'file', kind: 'webp' });
  });

  it('takes a PDF by its signature, whatever follows', async () => {
    expect(await sniffed('%PDF-1.7\n%âãÏÓ\n')).toEqual({ type: 'file', kind: 'pdf' });
  });
});

describe('refused kinds by signature', () => {
  it.each([
    ['an ELF executable', bytes('\x7fELF', [2, 1, 1], Array(57).fill(0)), 'a Linux executable (ELF)'],
    ['a gzip archive', bytes([0x1f, 0x8b, 8], Array(20).fill(0)), 'gzip'],
    ['a 7-Zip archive', bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], Array(26).fill(0)), '7-Zip'],
    ['a RAR archive', bytes('Rar!\x1a\x07\x01\x00', Array(20).fill(0)), 'RAR'],
    ['an RTF document', '{\\rtf1\\ansi{\\object\\objocx}}', 'RTF'],
    ['a TIFF image', bytes('II*\0', [8, 0, 0, 0], Array(20).fill(0)), 'TIFF'],
    ['a HEIC image', bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'HEIC'],
    ['a WebAssembly module', bytes('\0asm', [1, 0, 0, 0]), 'WebAssembly'],
  ])('refuses %s, naming it', async (_, content, name) => {
    expect(await refusedAs(content)).toContain(name);
  });

  it('refuses a type file-type knows and no rule names, naming its media type', async () => {
    // A BMP image: not an accepted kind, and not text (its header has NUL bytes).
    const bmp = bytes('BM', [70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0], Array(52).fill(0));
    expect(await refusedAs(bmp)).toBe('another kind of file (image/bmp)');
  });

  it('keeps plain text that happens to start with a short signature (BM for BMP) as text', async () => {
    expect(await sniffed('BMW 采购合同说明\n')).toEqual({ type: 'text', charset: 'utf-8' });
  });

  it('refuses a script by its #! line', async () => {
    expect(await refusedAs('#!/usr/bin/env node\nconsole.log(1)\n')).toBe('a script (#!)');
  });
});

describe('ZIP packages by their members', () => {
  it('takes an OFD (a ZIP file-type knows only as a ZIP) by its OFD.xml', async () => {
    const ofd = zip([{ name: 'OFD.xml', data: '<ofd:OFD/>' }], { store: true });
    expect(await sniffed(ofd)).toEqual({ type: 'file', kind: 'ofd' });
  });

  it('takes a Word document whose [Content_Types].xml is cut off by the sample file-type sees', async () => {
    // Deflated, and past 4,100 bytes even so: file-type inflates a part of it only.
    // Hashes, which deflate little.
    const overrides = Array.from(
      { length: 400 },
      (_, i) =>
        `<Override PartName="/word/media/${createHash('sha256').update(String(i)).digest('hex')}.png" ContentType="image/png"/>`,
    ).join('');
    const docx = zip([
      { name: '[Content_Types].xml', data: `<Types>${overrides}</Types>` },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    expect(docx.indexOf(Buffer.from('word/document.xml'))).toBeGreaterThan(4100);
    expect(await sniffed(docx)).toEqual({ type: 'file', kind: 'docx' });
  });

  it('refuses a macro-enabled workbook (file-type: xlsm) by its vbaProject.bin', async () => {
    const xlsm = zip(
      [
        {
          name: '[Content_Types].xml',
          data: '<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
        },
        { name: 'xl/workbook.xml', data: '<workbook/>' },
        { name: 'xl/vbaProject.bin', data: 'x' },
      ],
      { store: true },
    );
    expect(await refusedAs(xlsm)).toContain('macro-enabled Office document');
  });

  it('refuses a Java archive as a ZIP archive', async () => {
    const jar = zip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }], { store: true });
    expect(await refusedAs(jar)).toContain('a ZIP archive');
  });

  it('refuses a ZIP whose central directory cannot be read as damaged', async () => {
    const whole = zip([{ name: 'word/document.xml', data: '<w:document/>' }], { store: true });
    expect(await refusedAs(whole.subarray(0, whole.length - 10))).toBe('a damaged ZIP archive');
  });
});
