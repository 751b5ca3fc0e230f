/**
 * Routes of cultivation evidence (issue 18): the enterprise uploads (the raw file), lists, downloads and removes the
 * files behind the facts it fills in; officials of its region and admins list and download them.
 */
import Type from 'typebox';
import { ErrorSchema, errorResponses, Ok } from '../../../shared/api/common.ts';
import {
  EnterpriseEvidenceFileParams,
  EnterpriseEvidenceParams,
  EvidenceListSchema,
  EvidenceParams,
  EvidenceSchema,
  EvidenceUploadQuery,
  EvidenceYearQuery,
} from '../../../shared/api/cultivation-evidence.ts';
import { callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { declaredLength, downloadHeaders, rawUpload } from '../../lib/stored-files.ts';
import {
  cultivationEvidenceStore,
  listEvidenceOf,
  listMyEvidence,
  openEvidenceOf,
  openMyEvidence,
  removeEvidence,
  uploadEvidence,
} from './cultivation.evidence.ts';

const ENTERPRISES = { roles: ['enterprise'] } as const;
const REVIEWERS = { roles: ['official', 'admin'] } as const;
const tags = ['cultivation'];
const FileResponse = { 200: Type.Unknown({ description: 'the file' }), ...errorResponses };

/** Registers the evidence routes. */
export function cultivationEvidenceRoutes(app: App, { db, config }: ModuleDeps): void {
  const store = cultivationEvidenceStore(config);

  app.post(
    '/api/my/cultivation/evidence',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary:
          'Attach an evidence file to a fact my enterprise fills in (raw body, application/octet-stream; audited)',
        description:
          'The body is the file itself; `fileName` gives its original name, `year` the data year and `fact` the fact ' +
          'it backs (one the enterprise fills in: 400 naming `fact` otherwise). Its type is sniffed from the content ' +
          'and must be PDF, an image (JPEG, PNG, GIF, WebP), OFD, DOCX or XLSX agreeing with the extension (415 ' +
          'naming `file` otherwise). Too large a file: 413 BODY_TOO_LARGE; a fact that already has its most files ' +
          'for the year: 409 TOO_MANY_ATTACHMENTS, before the body is read.',
        querystring: EvidenceUploadQuery,
        response: { 201: EvidenceSchema, 413: ErrorSchema, 415: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const stream = rawUpload(request.body);
      try {
        const created = await uploadEvidence(db, store, callerOf(request), {
          year: request.query.year,
          fact: request.query.fact,
          stream,
          fileName: request.query.fileName,
          declaredBytes: declaredLength(request.headers['content-length']),
        });
        void reply.status(201);
        return created;
      } catch (error) {
        // The rest of a refused body is not read: the connection closes after the answer.
        if (!stream.readableEnded) void reply.header('connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/api/my/cultivation/evidence',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary: 'My evidence files of a data year, the limits, and whether they may be removed now',
        querystring: EvidenceYearQuery,
        response: { 200: EvidenceListSchema, ...errorResponses },
      },
    },
    async (request) => listMyEvidence(db, store, callerOf(request), request.query.year),
  );

  app.get(
    '/api/my/cultivation/evidence/:id/file',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary: 'Download one of my evidence files (always as a download, never rendered inline)',
        params: EvidenceParams,
        response: FileResponse,
      },
    },
    async (request, reply) => {
      const file = await openMyEvidence(db, store, callerOf(request), request.params.id);
      void reply.headers(downloadHeaders(file));
      return reply.send(file.stream);
    },
  );

  app.delete(
    '/api/my/cultivation/evidence/:id',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary:
          'Remove one of my evidence files (409 while an application of its data year is neither withdrawn, rejected nor returned; audited)',
        params: EvidenceParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => removeEvidence(db, store, callerOf(request), request.params.id),
  );

  app.get(
    '/api/cultivation/evidence/:enterpriseId',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary: 'An enterprise’s evidence files of a data year (officials of its region, admins)',
        params: EnterpriseEvidenceParams,
        querystring: EvidenceYearQuery,
        response: { 200: EvidenceListSchema, ...errorResponses },
      },
    },
    async (request) =>
      listEvidenceOf(db, store, callerOf(request), request.params.enterpriseId, request.query.year),
  );

  app.get(
    '/api/cultivation/evidence/:enterpriseId/:id/file',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary:
          'Download an enterprise’s evidence file (officials of its region, admins; never rendered inline)',
        params: EnterpriseEvidenceFileParams,
        response: FileResponse,
      },
    },
    async (request, reply) => {
      const file = await openEvidenceOf(
        db,
        store,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
      );
      void reply.headers(downloadHeaders(file));
      return reply.send(file.stream);
    },
  );
}
