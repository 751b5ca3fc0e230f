/**
 * Evidence files of gradient cultivation (issue 18): the files behind the facts an enterprise fills in for a data
 * year because the registry lacks them (IP certificates, quality certifications, statements…). The enterprise
 * uploads (the raw file), lists, downloads and removes its own; officials of its region and admins list and
 * download them.
 */
import Type from 'typebox';
import { DateTime, Strict } from './common.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: 'the data year of the facts' });

/** The data year, and the fact the file backs (a key the enterprise fills in), of an upload; the body is the file. */
export const EvidenceUploadQuery = Strict({
  year: Year,
  fact: Type.String({ minLength: 1, maxLength: 80, description: 'one of the facts the enterprise fills in' }),
  fileName: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'The original file name (UTF-8); path parts and control characters are removed',
  }),
});

/** The data year whose files are listed. */
export const EvidenceYearQuery = Strict({ year: Year });

/** One of the enterprise's files in a path. */
export const EvidenceParams = Strict({ id: Id });

/** An enterprise in an official's path. */
export const EnterpriseEvidenceParams = Strict({ enterpriseId: Id });

/** One file of an enterprise in an official's path. */
export const EnterpriseEvidenceFileParams = Strict({ enterpriseId: Id, id: Id });

/** A file as listed. */
export const EvidenceSchema = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  fact: Type.String(),
  fileName: Type.String(),
  kind: Type.String({ description: 'the sniffed type: pdf, jpeg, png, ofd, docx, xlsx…' }),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: 'SHA-256 of the content, hexadecimal' }),
  createdAt: DateTime,
  url: Type.String({ description: 'where the reader downloads it (always as an attachment)' }),
});

/** The files of a data year with the limits, and whether files of that year may be removed now. */
export const EvidenceListSchema = Type.Object({
  year: Type.Integer(),
  items: Type.Array(EvidenceSchema),
  /** The facts files may be attached to. */
  facts: Type.Array(Type.String()),
  maxBytes: Type.Integer(),
  maxFilesPerFact: Type.Integer(),
  extensions: Type.Array(Type.String()),
  /** False while an application of this data year is under review or decided (not withdrawn, rejected or returned). */
  removable: Type.Boolean(),
});
