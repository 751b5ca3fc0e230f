/**
 * Files people upload and download (case attachments, qualification evidence), kept on disk under a directory of
 * their own with their metadata in the owning module's table.
 *
 * An upload is streamed to a temporary file while its SHA-256 is computed; reading stops as soon as it passes the
 * size limit. Its real type is then sniffed from the content — its signature (file-type), the member names of a
 * ZIP package (yauzl, lib/zip.ts) or of an OLE2 compound file (read here), the encoding of a text; ADR 0024 —
 * never taken from the name or the client's Content-Type. Only
 * the kinds a use accepts are kept (`AcceptedFiles`), and only when the file's extension agrees with the content
 * (an image named as another image format excepted): HTML, SVG, XML, scripts, executables, archives, macro-enabled
 * or encrypted Office files are refused with the detected type named. The owning module moves the file into place
 * (`moveIntoPlace`) inside the transaction that inserts its row and removes it when that transaction fails.
 *
 * Downloads are always `Content-Disposition: attachment`, with the sniffed type (never text/html), `nosniff` and a
 * sandboxing Content-Security-Policy (`downloadHeaders`): the platform's origin never renders an uploaded file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FileTypeResult, fileTypeFromBuffer } from 'file-type';
import type { Kysely, Transaction } from 'kysely';
import { ATTACHMENT_TYPES, type AttachmentKind } from '../../shared/api/attachments.ts';
import type { Localized } from '../../shared/errors.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { ZipArchive, ZipFormatError } from './zip.ts';

/** What one use of uploads accepts: its kinds of file, and how a refusal names them. */
export interface AcceptedFiles {
  kinds: readonly AttachmentKind[];
  described: Localized;
}

/** Where one use keeps its files, and how large one may be. */
export interface FileStore {
  dir: string;
  maxBytes: number;
}

/** The extensions (lower case, without the dot) of the kinds a use accepts. */
export function extensionsOf(accepted: AcceptedFiles): string[] {
  return accepted.kinds.flatMap((kind) => [...ATTACHMENT_TYPES[kind].extensions]);
}

// ---- what a file really is -----------------------------------------------------------------------------------

/** What the content of a file turned out to be. */
export type Sniffed =
  | { type: 'file'; kind: Exclude<AttachmentKind, 'txt' | 'csv'> }
  | { type: 'text'; charset: 'utf-8' | 'gb18030' }
  | { type: 'refused'; what: Localized };

/** Names of the accepted kinds, for messages. */
const KIND_NAMES: Record<AttachmentKind, Localized> = {
  pdf: { zh: 'PDF 文档', en: 'a PDF document' },
  jpeg: { zh: 'JPEG 图片', en: 'a JPEG image' },
  png: { zh: 'PNG 图片', en: 'a PNG image' },
  gif: { zh: 'GIF 图片', en: 'a GIF image' },
  webp: { zh: 'WebP 图片', en: 'a WebP image' },
  docx: { zh: 'Word 文档（.docx）', en: 'a Word document (.docx)' },
  xlsx: { zh: 'Excel 表格（.xlsx）', en: 'an Excel workbook (.xlsx)' },
  pptx: { zh: 'PowerPoint 演示文稿（.pptx）', en: 'a PowerPoint presentation (.pptx)' },
  doc: { zh: 'Word 97-2003 文档（.doc）', en: 'a Word 97-2003 document (.doc)' },
  xls: { zh: 'Excel 97-2003 表格（.xls）', en: 'an Excel 97-2003 workbook (.xls)' },
  ppt: { zh: 'PowerPoint 97-2003 演示文稿（.ppt）', en: 'a PowerPoint 97-2003 presentation (.ppt)' },
  ofd: { zh: 'OFD 版式文档', en: 'an OFD document' },
  txt: { zh: '纯文本', en: 'plain text' },
  csv: { zh: '纯文本', en: 'plain text' },
};

const what = (zh: string, en: string): Localized => ({ zh, en });
const UNKNOWN_BINARY = what('无法识别的二进制内容', 'binary content of an unknown type');

const startsWithText = (head: Buffer, text: string, at = 0) =>
  head.subarray(at, at + text.length).toString('latin1') === text;

/**
 * What file-type finds that is never accepted, named in the refusal. A type file-type knows and this list does
 * not name is refused too (naming its media type), unless the file is plain text: some of file-type's signatures
 * are two or three printable bytes ('BM' for BMP, '%!' for PostScript) that ordinary text can start with.
 */
const REFUSED_TYPES: ReadonlyMap<string, Localized> = new Map(
  Object.entries({
    exe: what('Windows 可执行程序（MZ/PE）', 'a Windows executable (MZ/PE)'),
    elf: what('Linux 可执行程序（ELF）', 'a Linux executable (ELF)'),
    macho: what('macOS 可执行程序（Mach-O）', 'a macOS executable (Mach-O)'),
    class: what('Java 类文件或 macOS 程序', 'a Java class or a macOS universal binary'),
    wasm: what('WebAssembly 程序', 'a WebAssembly module'),
    lnk: what('Windows 快捷方式（.lnk）', 'a Windows shortcut (.lnk)'),
    rar: what('RAR 压缩包', 'a RAR archive'),
    '7z': what('7z 压缩包', 'a 7-Zip archive'),
    gz: what('gzip 压缩包', 'a gzip archive'),
    'tar.gz': what('gzip 压缩包', 'a gzip archive'),
    bz2: what('bzip2 压缩包', 'a bzip2 archive'),
    xz: what('xz 压缩包', 'an xz archive'),
    tar: what('tar 归档', 'a tar archive'),
    // RTF can carry OLE objects that run code when opened (e.g. CVE-2017-11882).
    rtf: what('RTF 文档', 'an RTF document'),
    tif: what('TIFF 图片', 'a TIFF image'),
    ...Object.fromEntries(
      // ISO base media files (an `ftyp` box first), whatever their brand.
      [
        'mp4',
        'heic',
        'avif',
        'mov',
        'm4v',
        'm4p',
        'm4b',
        'm4a',
        'f4v',
        'f4p',
        'f4a',
        'f4b',
        'cr3',
        '3gp',
        '3g2',
      ].map((ext) => [ext, what('MP4 视频或 HEIC 图片', 'an MP4 video or a HEIC image')]),
    ),
  }),
);

/** The accepted kinds file-type recognises by their signature (an animated PNG is a PNG). */
const KINDS_BY_TYPE: ReadonlyMap<string, Exclude<AttachmentKind, 'txt' | 'csv'>> = new Map([
  ['pdf', 'pdf'],
  ['jpg', 'jpeg'],
  ['png', 'png'],
  ['apng', 'png'],
  ['gif', 'gif'],
  ['webp', 'webp'],
]);

/**
 * What file-type calls a ZIP or a package built on one. Their members are listed from the central directory
 * (`sniffZip`) rather than taken from file-type's verdict: it reads [Content_Types].xml, not the members, so it
 * cannot see a vbaProject.bin, and it does not know OFD.
 */
const ZIP_TYPES: ReadonlySet<string> = new Set([
  'zip',
  'docx',
  'docm',
  'dotx',
  'dotm',
  'xlsx',
  'xlsm',
  'xltx',
  'xltm',
  'pptx',
  'pptm',
  'ppsx',
  'ppsm',
  'potx',
  'potm',
  'vsdx',
  '3mf',
  'epub',
  'odt',
  'ott',
  'ods',
  'ots',
  'odp',
  'otp',
  'odg',
  'otg',
  'jar',
  'apk',
  'xpi',
]);

/** How many leading bytes file-type needs for every signature it knows (its `reasonableDetectionSizeInBytes`). */
const SAMPLE_BYTES = 4100;

/** What file-type makes of the leading bytes; undefined when it knows no signature there (or fails on them). */
async function detectedType(sample: Buffer): Promise<FileTypeResult | undefined> {
  try {
    return await fileTypeFromBuffer(sample);
  } catch {
    return undefined;
  }
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(0, length));
  if (length <= 0) return buffer;
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** No uploaded package has this many members; more is a zip bomb or garbage. */
const MAX_MEMBERS = 50_000;

/** The member names of a ZIP file, from its central directory (yauzl); null when it cannot be read. */
async function zipMemberNames(filePath: string): Promise<string[] | null> {
  let archive: ZipArchive;
  try {
    archive = await ZipArchive.open(filePath, MAX_MEMBERS);
  } catch (error) {
    if (error instanceof ZipFormatError) return null;
    throw error;
  }
  archive.close();
  return [...archive.entries.keys()];
}

/** A ZIP is accepted only as an Office Open XML document (ECMA-376 Part 2) or an OFD (GB/T 33190-2016). */
async function sniffZip(filePath: string): Promise<Sniffed> {
  const names = await zipMemberNames(filePath);
  if (!names) return { type: 'refused', what: what('损坏的 ZIP 压缩包', 'a damaged ZIP archive') };
  const lower = names.map((name) => name.toLowerCase());
  if (names.includes('[Content_Types].xml')) {
    if (lower.some((name) => name.endsWith('vbaproject.bin')))
      return {
        type: 'refused',
        what: what(
          '含宏的 Office 文档（如 .docm、.xlsm）',
          'a macro-enabled Office document (e.g. .docm, .xlsm)',
        ),
      };
    if (lower.some((name) => name.startsWith('word/'))) return { type: 'file', kind: 'docx' };
    if (lower.some((name) => name.startsWith('xl/'))) return { type: 'file', kind: 'xlsx' };
    if (lower.some((name) => name.startsWith('ppt/'))) return { type: 'file', kind: 'pptx' };
    return { type: 'refused', what: what('其他 Office Open XML 文件', 'another Office Open XML package') };
  }
  if (names.includes('OFD.xml')) return { type: 'file', kind: 'ofd' };
  return {
    type: 'refused',
    what: what('ZIP 压缩包（含 JAR、APK 等）', 'a ZIP archive (or a JAR, APK… built on it)'),
  };
}

const MAX_REGULAR_SECTOR = 0xfffffffa;

/**
 * The entry names of an OLE2 compound file (MS-CFB): the directory chain followed through the FAT, whose sectors
 * the header's DIFAT (and the DIFAT chain) list. Null when the structure is broken.
 */
async function compoundEntryNames(file: FileHandle, size: number, head: Buffer): Promise<string[] | null> {
  if (head.length < 512) return null;
  const shift = head.readUInt16LE(30);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 2 ** shift;
  const perSector = sectorSize / 4;
  const sectorCount = Math.ceil(size / sectorSize);
  const sectorAt = (sector: number) => readAt(file, (sector + 1) * sectorSize, sectorSize);

  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const sector = head.readUInt32LE(76 + i * 4);
    if (sector <= MAX_REGULAR_SECTOR) fatSectors.push(sector);
  }
  let difatSector = head.readUInt32LE(68);
  for (let guard = 0; difatSector <= MAX_REGULAR_SECTOR; guard++) {
    if (guard > sectorCount) return null;
    const sector = await sectorAt(difatSector);
    if (sector.length < sectorSize) return null;
    for (let i = 0; i < perSector - 1; i++) {
      const fat = sector.readUInt32LE(i * 4);
      if (fat <= MAX_REGULAR_SECTOR) fatSectors.push(fat);
    }
    difatSector = sector.readUInt32LE(sectorSize - 4);
  }
  const nextSector = async (sector: number): Promise<number | null> => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined) return null;
    const entry = await readAt(file, (fatSector + 1) * sectorSize + (sector % perSector) * 4, 4);
    return entry.length === 4 ? entry.readUInt32LE(0) : null;
  };

  const names: string[] = [];
  let current: number | null = head.readUInt32LE(48);
  for (let guard = 0; current !== null && current <= MAX_REGULAR_SECTOR; guard++) {
    if (guard > sectorCount || names.length > MAX_MEMBERS) return null;
    const sector = await sectorAt(current);
    if (sector.length < sectorSize) return null;
    for (let at = 0; at + 128 <= sector.length; at += 128) {
      const nameLength = sector.readUInt16LE(at + 64);
      const entryType = sector[at + 66];
      // 1 storage, 2 stream, 5 root; the length counts the terminating NUL (UTF-16).
      if ((entryType === 1 || entryType === 2 || entryType === 5) && nameLength >= 2 && nameLength <= 64)
        names.push(sector.subarray(at, at + nameLength - 2).toString('utf16le'));
    }
    current = await nextSector(current);
  }
  return current === null ? null : names;
}

/** A compound file is accepted only as a Word, Excel or PowerPoint 97-2003 file without macros. */
async function sniffCompound(file: FileHandle, size: number, head: Buffer): Promise<Sniffed> {
  const names = await compoundEntryNames(file, size, head);
  if (!names) return { type: 'refused', what: what('损坏的复合文档', 'a damaged compound document') };
  const has = (name: string) => names.includes(name);
  if (has('EncryptedPackage') || has('EncryptionInfo'))
    return {
      type: 'refused',
      what: what('加密（设置了打开密码）的 Office 文档', 'a password-protected Office document'),
    };
  if (has('Macros') || has('_VBA_PROJECT_CUR') || has('VBA') || has('_VBA_PROJECT'))
    return { type: 'refused', what: what('含宏的 Office 文档', 'a macro-enabled Office document') };
  if (has('WordDocument')) return { type: 'file', kind: 'doc' };
  if (has('Workbook') || has('Book')) return { type: 'file', kind: 'xls' };
  if (has('PowerPoint Document')) return { type: 'file', kind: 'ppt' };
  return {
    type: 'refused',
    what: what(
      '其他复合文档（如 MSI 安装包、Outlook 邮件）',
      'another compound file (e.g. an MSI installer)',
    ),
  };
}

/** Whether a decoded text has control characters other than tab, line feed, form feed and carriage return. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f)
      return true;
  }
  return false;
}

/** Whether the whole file decodes strictly in the encoding, without control characters. */
async function decodesAs(file: FileHandle, size: number, encoding: 'utf-8' | 'gb18030'): Promise<boolean> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const chunk = Buffer.alloc(64 * 1024);
  let position = 0;
  while (position < size) {
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    try {
      if (hasControlCharacters(decoder.decode(chunk.subarray(0, bytesRead), { stream: position < size })))
        return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Markup a browser would render, as the WHATWG MIME Sniffing Standard (§7.1) recognises HTML and XML by their
 * first tag; SVG and script tags anywhere near the start count too.
 */
function markupIn(text: string): Localized | null {
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/<svg[\s/>]/.test(start)) return what('SVG 图像', 'an SVG image');
  if (
    /^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\s>]/.test(
      start,
    ) ||
    start.startsWith('<!--') ||
    /<(script|html|iframe)[\s/>]/.test(start)
  )
    return what('HTML 网页', 'an HTML page');
  if (start.startsWith('<?xml')) return what('XML 文档', 'an XML document');
  return null;
}

async function sniffText(file: FileHandle, size: number, head: Buffer): Promise<Sniffed> {
  const charset = (await decodesAs(file, size, 'utf-8'))
    ? 'utf-8'
    : (await decodesAs(file, size, 'gb18030'))
      ? 'gb18030'
      : null;
  if (!charset) return { type: 'refused', what: UNKNOWN_BINARY };
  const markup = markupIn(new TextDecoder(charset).decode(head));
  if (markup) return { type: 'refused', what: markup };
  return { type: 'text', charset };
}

/**
 * What a stored file really is, from its content alone (never from its name): its signature as file-type knows
 * it, then, for a ZIP or an OLE2 compound file, its members as listed here; a file with no signature file-type
 * knows is text in UTF-8 or GB18030, or refused.
 */
export async function sniffFile(filePath: string): Promise<Sniffed> {
  const file = await open(filePath, 'r');
  try {
    const { size } = await file.stat();
    const sample = await readAt(file, 0, Math.min(size, SAMPLE_BYTES));
    const head = sample.subarray(0, 4096);
    // A script is text to file-type; a '#!' line makes it one whatever its name.
    if (startsWithText(head, '#!')) return { type: 'refused', what: what('脚本（#!）', 'a script (#!)') };
    const detected = await detectedType(sample);
    if (!detected) return await sniffText(file, size, head);
    const kind = KINDS_BY_TYPE.get(detected.ext);
    if (kind) return { type: 'file', kind };
    if (ZIP_TYPES.has(detected.ext)) return await sniffZip(filePath);
    if (detected.ext === 'cfb') return await sniffCompound(file, size, head);
    const refused = REFUSED_TYPES.get(detected.ext);
    if (refused) return { type: 'refused', what: refused };
    const text = await sniffText(file, size, head);
    if (text.type === 'refused' && text.what === UNKNOWN_BINARY)
      return {
        type: 'refused',
        what: what(`其他类型的文件（${detected.mime}）`, `another kind of file (${detected.mime})`),
      };
    return text;
  } catch (error) {
    // A structure that reads past its own bounds is not a file we keep.
    if (error instanceof RangeError) return { type: 'refused', what: UNKNOWN_BINARY };
    throw error;
  } finally {
    await file.close();
  }
}

const IMAGE_KINDS: readonly AttachmentKind[] = ['jpeg', 'png', 'gif', 'webp'];
const IMAGE_EXTENSIONS: readonly string[] = IMAGE_KINDS.flatMap((kind) => ATTACHMENT_TYPES[kind].extensions);

/** The kind and served Content-Type of a sniffed file with this extension; 415 naming what was found otherwise. */
export function acceptedType(
  sniffed: Sniffed,
  extension: string,
  accepted: AcceptedFiles,
): { kind: AttachmentKind; contentType: string } {
  const refuse = (message: Localized) =>
    new AppError('UNSUPPORTED_MEDIA_TYPE', [{ field: 'file', message }], message);
  if (sniffed.type === 'refused')
    throw refuse({
      zh: `不接受此类文件：检测到的内容为「${sniffed.what.zh}」。可上传的类型：${accepted.described.zh}`,
      en: `This kind of file is not accepted: its content is ${sniffed.what.en}. Accepted: ${accepted.described.en}`,
    });
  const kind: AttachmentKind = sniffed.type === 'file' ? sniffed.kind : extension === 'csv' ? 'csv' : 'txt';
  const type = ATTACHMENT_TYPES[kind];
  // One image format named as another is common (phones and WeChat save PNG or WebP as .jpg) and harmless: the
  // file is served with its real type. Any other disagreement is refused.
  const isImageAsImage = IMAGE_KINDS.includes(kind) && IMAGE_EXTENSIONS.includes(extension);
  if (!isImageAsImage && !(type.extensions as readonly string[]).includes(extension))
    throw refuse({
      zh: `文件内容为「${KIND_NAMES[kind].zh}」，与扩展名 .${extension} 不符；请上传真实的 .${extension} 文件，或改正扩展名`,
      en: `The file's content is ${KIND_NAMES[kind].en}, which does not match its extension .${extension}`,
    });
  if (!accepted.kinds.includes(kind))
    throw refuse({
      zh: `不接受${KIND_NAMES[kind].zh}。可上传的类型：${accepted.described.zh}`,
      en: `Not accepted here: ${KIND_NAMES[kind].en}. Accepted: ${accepted.described.en}`,
    });
  return {
    kind,
    contentType:
      sniffed.type === 'text' ? `${type.contentType}; charset=${sniffed.charset}` : type.contentType,
  };
}

// ---- names ---------------------------------------------------------------------------------------------------

/** Control, zero-width and bidirectional-override characters (a name like "invoice\u202Efdp.exe" lies). */
function isInvisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/**
 * The name a file is kept and offered under: the last part of any path, without control or invisible characters,
 * characters Windows forbids replaced, no leading dots or trailing dots and spaces; 400 when nothing is left.
 */
export function cleanFileName(raw: string): string {
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const visible = [...last].filter((c) => !isInvisible(c.codePointAt(0) ?? 0)).join('');
  const name = visible
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (!name)
    throw AppError.field('fileName', { zh: '请提供有效的文件名', en: 'a valid file name is required' });
  if (name.length > 255)
    throw AppError.field('fileName', { zh: '文件名最多 255 个字符', en: 'must have at most 255 characters' });
  return name;
}

/** The lower-case extension of an accepted file name; 415 when the name has none or one not on the list. */
export function acceptedExtension(fileName: string, accepted: AcceptedFiles): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (!extensionsOf(accepted).includes(extension)) {
    const message: Localized = extension
      ? {
          zh: `不接受 .${extension} 文件。可上传的类型：${accepted.described.zh}`,
          en: `.${extension} files are not accepted. Accepted: ${accepted.described.en}`,
        }
      : {
          zh: `文件名没有扩展名。可上传的类型：${accepted.described.zh}`,
          en: `The file name has no extension. Accepted: ${accepted.described.en}`,
        };
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', [{ field: 'fileName', message }], message);
  }
  return extension;
}

/**
 * `Content-Disposition: attachment` with the name in UTF-8 (RFC 6266 / RFC 8187 `filename*`) and an ASCII
 * fallback for old clients.
 */
export function contentDisposition(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot) : '';
  let fallback = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\%;]/g, '_');
  if (!/[A-Za-z0-9]/.test(fallback.slice(0, fallback.length - extension.length)))
    fallback = `attachment${extension.replace(/[^\x20-\x7e]+/g, '')}`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

// ---- limits --------------------------------------------------------------------------------------------------

/** A byte count as people read limits: "20 MB", "64 KB". */
export function formatLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} B`;
}

/** 413 for a file over the limit (checked on the declared length before reading, and while reading). */
export function tooLarge(maxBytes: number): AppError {
  const limit = formatLimit(maxBytes);
  return new AppError(
    'BODY_TOO_LARGE',
    [{ field: 'file', message: { zh: `超过 ${limit} 的上限`, en: `exceeds the limit of ${limit}` } }],
    {
      zh: `文件过大：每个文件不能超过 ${limit}`,
      en: `The file is too large: a file may be at most ${limit}`,
    },
  );
}

class TooLargeError extends Error {}

/**
 * Streams an upload to a temporary file, hashing it on the way; stops reading once it passes the limit (413).
 * The request is piped into the meter rather than put into the pipeline, so refusing a file pauses the request
 * instead of destroying the connection, and the client still receives the answer.
 */
export async function receive(
  stream: Readable,
  store: FileStore,
): Promise<{ tempPath: string; bytes: number; sha256: string }> {
  const tempDir = path.join(store.dir, 'tmp');
  await mkdir(tempDir, { recursive: true });
  const tempPath = path.join(tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > store.maxBytes) {
        done(new TooLargeError());
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const abort = (error?: unknown) =>
    meter.destroy(error instanceof Error ? error : new Error('the upload was interrupted'));
  const onClose = () => {
    if (!stream.readableEnded) abort();
  };
  // Kept after the upload: an error of a request we stopped reading must not go unhandled.
  stream.on('error', abort);
  stream.once('close', onClose);
  // The file is created before any byte is read: a stream opening it by path would create it asynchronously, and
  // a refusal arriving first (413 on the first chunk) would remove it before it existed, leaving it behind.
  const file = await open(tempPath, 'wx', 0o600);
  stream.pipe(meter);
  try {
    await pipeline(meter, file.createWriteStream());
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    if (error instanceof TooLargeError) throw tooLarge(store.maxBytes);
    throw error;
  } finally {
    stream.unpipe(meter);
    stream.off('close', onClose);
  }
  return { tempPath, bytes, sha256: hash.digest('hex') };
}

// ---- storage -------------------------------------------------------------------------------------------------

const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A fresh storage key: a random UUID under a directory of its first two characters. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

/** Where a stored file is; a key that is not one this module made is refused (it must not leave the directory). */
export function storedPath(store: FileStore, storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error(`unexpected storage key: ${storageKey}`);
  return path.join(store.dir, storageKey);
}

/** A file received (`receive`), not yet kept. */
export type ReceivedFile = Awaited<ReturnType<typeof receive>>;

/** What a kept file is: where it is stored and the type sniffed from its content. */
export interface KeptFile {
  storageKey: string;
  kind: string;
  contentType: string;
}

/**
 * Keeps a received file with the rows that record it: refuses an empty file or one of a kind the use does not
 * accept (by its content, agreeing with its extension), then in one transaction `record` writes the rows and the file
 * is moved into place last. If the transaction rolls back the file goes too, and the temporary copy always goes.
 */
export async function keepReceived<T>(
  db: Kysely<Database>,
  store: FileStore,
  received: ReceivedFile,
  upload: { extension: string; accepted: AcceptedFiles },
  record: (trx: Transaction<Database>, file: KeptFile) => Promise<T>,
): Promise<T> {
  const storageKey = newStorageKey();
  let finalPath: string | null = null;
  try {
    if (received.bytes === 0) throw AppError.field('file', { zh: '文件是空的', en: 'the file is empty' });
    const sniffed = acceptedType(await sniffFile(received.tempPath), upload.extension, upload.accepted);
    const result = await db.transaction().execute(async (trx) => {
      const value = await record(trx, { storageKey, ...sniffed });
      finalPath = await moveIntoPlace(store, received.tempPath, storageKey);
      return value;
    });
    // Committed: the file belongs to its row now, whatever happens next.
    finalPath = null;
    return result;
  } catch (error) {
    // The transaction rolled back (or never ran): the file goes too.
    if (finalPath) await rm(finalPath, { force: true });
    throw error;
  } finally {
    await rm(received.tempPath, { force: true });
  }
}

/** The raw body of an upload route (application/octet-stream), or 415 saying how to send the file. */
export function rawUpload(body: unknown): Readable {
  if (!(body instanceof Readable))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', [], {
      zh: '请以 application/octet-stream 发送文件本身',
      en: 'Send the file itself as application/octet-stream',
    });
  return body;
}

/** Moves a received file to its storage key (inside the transaction that records it). */
export async function moveIntoPlace(store: FileStore, tempPath: string, storageKey: string): Promise<string> {
  const finalPath = storedPath(store, storageKey);
  await mkdir(path.dirname(finalPath), { recursive: true });
  await rename(tempPath, finalPath);
  return finalPath;
}

/** A stored file opened for streaming; a missing file is the server's fault (a 500, logged). */
export async function openStored(store: FileStore, storageKey: string): Promise<Readable> {
  const file = await open(storedPath(store, storageKey), 'r');
  return file.createReadStream();
}

const KIND_OF_TYPE = new Map<string, AttachmentKind>(
  Object.entries(ATTACHMENT_TYPES).map(([kind, type]) => [type.contentType, kind as AttachmentKind]),
);

/** The allow-listed Content-Type of a stored type; anything else is served as opaque bytes. */
export function servedType(contentType: string): { kind: string; contentType: string } {
  const kind = KIND_OF_TYPE.get(contentType.split(';')[0]?.trim() ?? '');
  return kind ? { kind, contentType } : { kind: 'other', contentType: 'application/octet-stream' };
}

/** The headers of a download: always an attachment, its allow-listed type, never sniffed, rendered or cached. */
export function downloadHeaders(file: {
  fileName: string;
  contentType: string;
  sizeBytes: number;
}): Record<string, string> {
  return {
    'content-type': servedType(file.contentType).contentType,
    'content-length': String(file.sizeBytes),
    'content-disposition': contentDisposition(file.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-store',
  };
}

/** The declared Content-Length of a request, when there is a usable one. */
export function declaredLength(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,15}$/.test(header)) return null;
  return Number(header);
}
