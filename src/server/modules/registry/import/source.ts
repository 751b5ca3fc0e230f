/**
 * The bytes of an uploaded table, pulled chunk by chunk (the consumer's pace is the reading pace), counted
 * against the size limit; and spooling a stream to a temporary file when random access is needed (XLSX).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { TableFileError } from './table-types.ts';

/** Where a table comes from: a file on disk, or a stream (an upload) with its file name if known. */
export type TableSource = { path: string } | { stream: Readable; name?: string };

const READ_CHUNK = 256 * 1024;

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
}

/** TOO_LARGE for a file over `maxBytes`. */
export function tooLarge(maxBytes: number): TableFileError {
  const mb = megabytes(maxBytes);
  return new TableFileError('TOO_LARGE', {
    zh: `文件超过大小上限 ${mb} MB；请拆分后分别上传`,
    en: `The file is larger than the limit of ${mb} MB; split it and upload the parts`,
  });
}

/** Pulls chunks from an async iterator of bytes, with push-back, a byte count and a size limit. */
export class ByteReader {
  bytesRead = 0;
  private readonly pushedBack: Buffer[] = [];
  private done = false;

  constructor(
    private readonly iterator: AsyncIterator<unknown>,
    private readonly maxBytes: number | undefined,
  ) {}

  /** The next chunk, or null at the end. */
  async read(): Promise<Buffer | null> {
    const back = this.pushedBack.pop();
    if (back) return back;
    if (this.done) return null;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return null;
    }
    const value = next.value;
    const chunk = Buffer.isBuffer(value)
      ? value
      : value instanceof Uint8Array
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
        : Buffer.from(String(value));
    this.bytesRead += chunk.length;
    if (this.maxBytes !== undefined && this.bytesRead > this.maxBytes) throw tooLarge(this.maxBytes);
    return chunk;
  }

  /** Give a chunk back: the next `read` returns it. */
  unread(chunk: Buffer): void {
    if (chunk.length > 0) this.pushedBack.push(chunk);
  }

  /** At least `n` leading bytes (fewer at the end of the file), left unread. */
  async peek(n: number): Promise<{ bytes: Buffer; atEof: boolean }> {
    const parts: Buffer[] = [];
    let length = 0;
    let atEof = false;
    while (length < n) {
      const chunk = await this.read();
      if (chunk === null) {
        atEof = true;
        break;
      }
      parts.push(chunk);
      length += chunk.length;
    }
    const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
    this.unread(bytes);
    return { bytes, atEof };
  }

  /** Stop reading and release the source. */
  async close(): Promise<void> {
    this.done = true;
    await this.iterator.return?.();
  }
}

/** An opened source: its byte reader, its size when known and its path when on disk. */
export interface OpenedSource {
  reader: ByteReader;
  totalBytes: number | null;
  path: string | null;
}

/** Open a source; a file over `maxBytes` is refused up front, a stream when it has delivered that many bytes. */
export async function openSource(source: TableSource, maxBytes: number | undefined): Promise<OpenedSource> {
  if ('path' in source) {
    const info = await stat(source.path);
    if (!info.isFile()) throw new Error(`Not a file: ${source.path}`);
    if (maxBytes !== undefined && info.size > maxBytes) throw tooLarge(maxBytes);
    const stream = createReadStream(source.path, { highWaterMark: READ_CHUNK });
    return {
      reader: new ByteReader(stream[Symbol.asyncIterator](), maxBytes),
      totalBytes: info.size,
      path: source.path,
    };
  }
  return {
    reader: new ByteReader(source.stream[Symbol.asyncIterator](), maxBytes),
    totalBytes: null,
    path: null,
  };
}

/** Copy the rest of a reader into a new temporary file (bounded memory, size limit still enforced). */
export async function spoolToTempFile(
  reader: ByteReader,
): Promise<{ path: string; size: number; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'huiqi-table-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload.xlsx');
  const out = createWriteStream(path);
  let size = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk === null) break;
      size += chunk.length;
      if (!out.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          const onError = (error: Error) => reject(error);
          out.once('error', onError);
          out.once('drain', () => {
            out.off('error', onError);
            resolve();
          });
        });
      }
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
  return { path, size, remove };
}
