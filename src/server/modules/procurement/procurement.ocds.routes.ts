/**
 * Routes of procurement open data (issue 17): importing OCDS results (the file itself, application/octet-stream, or
 * a package as the JSON body) and exporting a year's results as OCDS JSON or flattened CSV.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import Type from 'typebox';
import { ErrorSchema, errorResponses } from '../../../shared/api/common.ts';
import { OcdsExportQuery, OcdsImportQuery, OcdsImportSchema } from '../../../shared/api/procurement.ts';
import { callerOf } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { contentDisposition, declaredLength, rawUpload, tooLarge } from '../../lib/stored-files.ts';
import { flattenedCsvText, ocdsExportScope, releasePackageText } from './procurement.ocds.export.ts';
import { importOcds } from './procurement.ocds.ts';

/** The largest OCDS file read (it is read whole: a year of a province's contracts fits many times over). */
export const OCDS_MAX_BYTES = 256 * 1024 * 1024;

const READERS = { roles: ['buyer', 'official', 'admin'] } as const;
const tags = ['procurement'];

/** Reads an upload whole, within the limit (413 beyond it, before or while reading). */
async function readUpload(body: unknown, declared: number | null, maxBytes: number): Promise<Buffer> {
  if (declared !== null && declared > maxBytes) throw tooLarge(maxBytes);
  const stream = rawUpload(body);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxBytes) {
      stream.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, bytes);
}

/** The form a file's name says it is in, if it says. */
function formatOfName(fileName: string | undefined): 'json' | 'csv' | undefined {
  const extension = fileName?.toLowerCase().split('.').pop();
  return extension === 'json' ? 'json' : extension === 'csv' ? 'csv' : undefined;
}

/** Registers the OCDS routes (after importRoutes: the octet-stream parser is registered there). */
export function ocdsRoutes(app: App, { db, config }: ModuleDeps): void {
  const maxBytes = Math.min(OCDS_MAX_BYTES, config.importMaxBytes);
  app.post(
    '/api/procurement/ocds/import',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary:
          'Import procurement results published as OCDS 1.1: a release or record package (JSON), or releases in the flattened CSV form',
        description:
          'The body is the file itself (application/octet-stream; `fileName` or `format` tells JSON from CSV), or ' +
          'a package as the JSON body. Each award is kept under the registered buying body the release names as ' +
          'buyer, by its ocid and award id: importing the same release again changes nothing, a later one updates ' +
          'its awards. A file that is not valid OCDS is refused whole (400 OCDS_INVALID, each problem named by its ' +
          'JSON path or CSV row and column); a buyer no body is registered for: 422 ' +
          'PROCUREMENT_BODY_NOT_REGISTERED; a body outside the caller’s scope: 403 OUT_OF_SCOPE naming the field.',
        querystring: OcdsImportQuery,
        response: { 200: OcdsImportSchema, 413: ErrorSchema, 422: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const fileName = request.query.fileName ?? null;
      if (!(request.body instanceof Readable))
        return importOcds(db, callerOf(request), { value: request.body, fileName, sha256: null });
      let bytes: Buffer;
      try {
        bytes = await readUpload(request.body, declaredLength(request.headers['content-length']), maxBytes);
      } catch (error) {
        // The rest of a refused body is not read: the connection closes after the answer.
        void reply.header('connection', 'close');
        throw error;
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new AppError('OCDS_INVALID', [
          {
            field: 'file',
            message: { zh: '不是 UTF-8 编码的文本', en: 'is not text in UTF-8' },
          },
        ]);
      }
      const format = request.query.format ?? formatOfName(request.query.fileName ?? undefined);
      return importOcds(db, callerOf(request), {
        text,
        fileName,
        ...(format ? { format } : {}),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    },
  );

  app.get(
    '/api/procurement/ocds/export',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary:
          'A year’s procurement results as OCDS 1.1: a release package (JSON) or the flattened CSV, suppliers’ scale from the registry',
        description:
          'A buyer exports their own body; an official a body of their region or the region’s bodies; an admin any. ' +
          'One release per ocid; each supplier’s `parties[].details.scale` is its size class in the registry ' +
          '(absent when the registry does not classify it), never the supplier’s own declaration.',
        querystring: OcdsExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const scope = await ocdsExportScope(db, caller, request.query);
      const { format } = request.query;
      const uri = `${request.protocol}://${request.host}${request.url}`;
      const text =
        format === 'json' ? releasePackageText(db, scope, uri, new Date()) : flattenedCsvText(db, scope);
      void reply
        .header(
          'content-type',
          format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
        )
        .header(
          'content-disposition',
          contentDisposition(`procurement-ocds-${scope.year}-${scope.label}.${format}`),
        );
      return reply.send(Readable.from(text));
    },
  );
}
