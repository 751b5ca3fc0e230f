/**
 * The rows of each import kind other than enterprises, as the worker thread validates them. The worker is the
 * one place the registry names another module's kind: it runs in a thread of its own, given only the job's kind,
 * and takes the kind's pure rows from the owner's front door.
 */
import { CREDIT_IMPORT_ROWS } from '../credit/index.ts';
import type { ImportRowKind } from './import.kinds.ts';
import type { ImportKind } from './registry.table.ts';

/** The pure rows of each kind the worker validates besides enterprises. */
export const ROW_KINDS: Readonly<Record<Exclude<ImportKind, 'enterprises'>, ImportRowKind>> = {
  credit_records: CREDIT_IMPORT_ROWS as ImportRowKind,
};
