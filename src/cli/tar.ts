/**
 * The little of POSIX ustar (IEEE Std 1003.1-2001, "pax" interchange format, ustar header) a backup needs:
 * regular files and directories, names up to 255 bytes split into prefix and name, sizes below 8 GiB. Any `tar`
 * reads what this writes (`tar -tzf backup.tar.gz`); the reader refuses what it did not write.
 */

const BLOCK = 512;

/** One member of an archive. */
export interface TarEntry {
  /** Relative path with `/` separators; directories without a trailing slash. */
  path: string;
  type: 'file' | 'directory';
  size: number;
  /** Permission bits. */
  mode: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
}

/** A file that is not an archive this reader understands, or one cut short. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

function octal(header: Buffer, value: number, offset: number, length: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

/** Splits a path into the header's prefix (≤ 155 bytes) and name (≤ 100 bytes), at a slash. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new TarFormatError(`the path ${name} is too long for a ustar archive`);
}

/** The 512-byte header of an entry. */
export function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  const { prefix, name } = splitName(entry.path + (entry.type === 'directory' ? '/' : ''));
  header.write(name, 0, 100, 'utf8');
  octal(header, entry.mode & 0o7777, 100, 8);
  octal(header, 0, 108, 8);
  octal(header, 0, 116, 8);
  octal(header, entry.type === 'file' ? entry.size : 0, 124, 12);
  octal(header, Math.max(0, Math.floor(entry.mtime)), 136, 12);
  header.write('        ', 148, 8, 'ascii');
  header.write(entry.type === 'file' ? '0' : '5', 156, 1, 'ascii');
  header.write('ustar\u000000', 257, 8, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

/** The zero bytes that pad a file's content to whole blocks. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);
}

/** The two zero blocks that end an archive. */
export const TAR_END = Buffer.alloc(2 * BLOCK, 0);

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function parseOctal(header: Buffer, offset: number, length: number, what: string): number {
  const text = field(header, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`a header's ${what} is not a number`);
  return Number.parseInt(text, 8);
}

/** Reads exactly the bytes asked for from a stream of chunks, or says that it ended first. */
class ChunkReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else {
        this.buffered.push(next.value);
        this.length += next.value.length;
      }
    }
    return this.length >= n;
  }

  /** Up to `max` bytes (at least one), or null at the end of the stream. */
  async some(max: number): Promise<Buffer | null> {
    if (!(await this.fill(1))) return null;
    const all = Buffer.concat(this.buffered);
    const taken = all.subarray(0, Math.min(max, all.length));
    const rest = all.subarray(taken.length);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }

  /** Exactly `n` bytes, or null when the stream ends before them. */
  async exactly(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) return null;
    const all = Buffer.concat(this.buffered);
    const rest = all.subarray(n);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return all.subarray(0, n);
  }
}

/**
 * Reads an archive: for each entry, `onEntry` gets its header and the content in chunks (`content` must be read
 * to the end before the next entry). Throws TarFormatError on a header that is not ustar (a foreign file), on a
 * bad header checksum, and when the archive ends before its end blocks (cut short).
 */
export async function readTar(
  chunks: AsyncIterable<Buffer>,
  onEntry: (entry: TarEntry, content: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const reader = new ChunkReader(chunks[Symbol.asyncIterator]());
  for (;;) {
    const header = await reader.exactly(BLOCK);
    if (!header) throw new TarFormatError('the archive ends before its end marker (cut short)');
    if (header.every((byte) => byte === 0)) return;
    if (field(header, 257, 6) !== 'ustar') throw new TarFormatError('an entry is not a ustar header');
    const stored = parseOctal(header, 148, 8, 'checksum');
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
    if (sum !== stored) throw new TarFormatError('a header does not match its checksum (damaged)');
    const prefix = field(header, 345, 155);
    const name = field(header, 0, 100);
    const full = (prefix ? `${prefix}/${name}` : name).replace(/\/$/, '');
    const typeflag = field(header, 156, 1);
    const type = typeflag === '5' ? 'directory' : typeflag === '0' || typeflag === '' ? 'file' : null;
    if (!type) throw new TarFormatError(`the entry ${full} is neither a file nor a directory`);
    const size = type === 'file' ? parseOctal(header, 124, 12, 'size') : 0;
    const entry: TarEntry = {
      path: full,
      type,
      size,
      mode: parseOctal(header, 100, 8, 'mode'),
      mtime: parseOctal(header, 136, 12, 'mtime'),
    };
    let remaining = size;
    let consumed = false;
    const content: AsyncIterable<Buffer> = {
      async *[Symbol.asyncIterator]() {
        consumed = true;
        while (remaining > 0) {
          const chunk = await reader.some(Math.min(remaining, 1024 * 1024));
          if (!chunk) throw new TarFormatError(`the archive ends inside ${full} (cut short)`);
          remaining -= chunk.length;
          yield chunk;
        }
      },
    };
    await onEntry(entry, content);
    if (!consumed || remaining > 0) for await (const _ of content);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0 && !(await reader.exactly(padding)))
      throw new TarFormatError(`the archive ends inside ${full} (cut short)`);
  }
}
