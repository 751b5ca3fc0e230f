/**
 * The evidence panel as data (issue 18): the files grouped by the fact they back (one fact, or every fact that has
 * files, in the server's order of the facts), the checks made on a picked file before sending it (extension, size,
 * how many files its fact may still take; the server sniffs the content and decides), and a refusal in words
 * (the server's message and its field messages). Pure.
 */
import { checkFile, type FileProblem } from '../../api/attachments.ts';
import { ApiError } from '../../api/client.ts';
import type { EvidenceFile, EvidenceList } from '../../api/cultivationEvidence.ts';

/** The files of one fact. */
export interface FactGroup {
  fact: string;
  files: EvidenceFile[];
}

/**
 * The files by fact: with `only`, that fact's (an empty group when it has none); otherwise every fact with files,
 * in the order of the list's facts (a fact the list does not name comes last, by name).
 */
export function groupByFact(list: Pick<EvidenceList, 'items' | 'facts'>, only?: string): FactGroup[] {
  if (only !== undefined) return [{ fact: only, files: list.items.filter((file) => file.fact === only) }];
  const byFact = new Map<string, EvidenceFile[]>();
  for (const file of list.items) {
    const files = byFact.get(file.fact);
    if (files) files.push(file);
    else byFact.set(file.fact, [file]);
  }
  const rank = (fact: string) => {
    const at = list.facts.indexOf(fact);
    return at === -1 ? list.facts.length : at;
  };
  return [...byFact.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([fact, files]) => ({ fact, files }));
}

/** Why a picked file is not sent. */
export type EvidenceProblem = FileProblem | { problem: 'noFact' } | { problem: 'tooMany'; max: number };

/**
 * The checks of a picked file for a fact: a fact chosen, an accepted extension, not empty, within the size limit,
 * and room left for the fact (`pending`: files of the fact already on their way up). Null: send it.
 */
export function checkEvidenceFile(
  file: { name: string; size: number },
  list: Pick<EvidenceList, 'items' | 'maxBytes' | 'maxFilesPerFact' | 'extensions'>,
  fact: string | undefined,
  pending = 0,
): EvidenceProblem | null {
  if (!fact) return { problem: 'noFact' };
  const problem = checkFile(file, list);
  if (problem) return problem;
  const count = list.items.filter((item) => item.fact === fact).length + pending;
  if (count >= list.maxFilesPerFact) return { problem: 'tooMany', max: list.maxFilesPerFact };
  return null;
}

/** A refusal in words: the server's message, then what it says of each field when that adds something. */
export function refusalText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const details = error.errors.map((e) => e.message).filter((text) => text && !error.message.includes(text));
  return [error.message, ...new Set(details)].join('；');
}
