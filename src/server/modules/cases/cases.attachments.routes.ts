import Type from 'typebox';
import {
  AttachmentListSchema,
  AttachmentParams,
  AttachmentSchema,
  AttachmentUploadQuery,
} from '../../../shared/api/attachments.ts';
import { ErrorSchema, errorResponses, IdParams } from '../../../shared/api/common.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { declaredLength, downloadHeaders, rawUpload } from '../../lib/stored-files.ts';
import {
  type AttachmentSettings,
  listAttachments,
  openAttachment,
  uploadAttachment,
} from './cases.attachments.ts';

const READERS = { roles: ['enterprise', 'official', 'admin', 'auditor'] } as const;
const WRITERS = { roles: ['enterprise', 'official', 'admin'] } as const;

/** Registers the attachment routes. */
export function attachmentRoutes(app: App, { db }: ModuleDeps, settings: AttachmentSettings): void {
  app.post(
    '/api/cases/:id/attachments',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['cases'],
        summary: 'Attach a file to a case (raw body, application/octet-stream; audited)',
        description:
          'The body is the file itself; `fileName` gives its original name. Its type is sniffed from the content ' +
          'and must be PDF, JPEG, PNG, GIF, WebP, DOCX/XLSX/PPTX, DOC/XLS/PPT (without macros), OFD, or UTF-8/GB18030 ' +
          'text (TXT, CSV), agreeing with the extension (415 otherwise). Too large a file: 413 BODY_TOO_LARGE; a case ' +
          'that already has its most files: 409 TOO_MANY_ATTACHMENTS, before the body is read. ' +
          'The enterprise may add files until its case is closed; nobody adds files to a merged case (409).',
        params: IdParams,
        querystring: AttachmentUploadQuery,
        response: { 201: AttachmentSchema, 413: ErrorSchema, 415: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const stream = rawUpload(request.body);
      try {
        const created = await uploadAttachment(db, settings, callerOf(request), request.params.id, {
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
    '/api/cases/:id/attachments',
    {
      config: { access: READERS },
      schema: {
        tags: ['cases'],
        summary: 'The attachments of a case, the limits, and whether I may add one now',
        params: IdParams,
        response: { 200: AttachmentListSchema, ...errorResponses },
      },
    },
    async (request) => listAttachments(db, settings, actorOf(request), request.params.id),
  );

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      config: { access: READERS },
      schema: {
        tags: ['cases'],
        summary:
          'Download an attachment (always as a download, with its sniffed type; never rendered inline)',
        params: AttachmentParams,
        response: { 200: Type.Unknown({ description: 'the file' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await openAttachment(
        db,
        settings,
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      void reply.headers(downloadHeaders(file));
      return reply.send(file.stream);
    },
  );
}
