/**
 * `huiqi eligibility POLICY FACTS`: a policy's rule evaluated offline for every enterprise of a file. POLICY is a
 * policy YAML file or the id of a shipped one (rules/policies/<id>.yaml); FACTS is a CSV or XLSX in the registry
 * import template's columns (each row: profile, one year's figures, certifications) or a JSON array of facts.
 * Writes each enterprise with eligible / not_eligible / unknown (or invalid) and the reasons, as CSV or JSON lines.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import {
  type Eligibility,
  type EnterpriseFacts,
  type Explained,
  evaluateRule,
  factsOf,
  type PolicyDefinition,
  parsePolicyYaml,
} from '../server/modules/policies/index.ts';
import {
  ENTERPRISE_IMPORT_COLUMNS,
  factsOfInput,
  readTable,
  validateEnterpriseRow,
} from '../server/modules/registry/index.ts';
import { POLICY_DIR } from '../server/paths.ts';
import { csvCell } from '../shared/csv.ts';

/** Options of the eligibility command. */
export interface EligibilityOptions {
  format: 'csv' | 'json';
  lang: 'zh' | 'en';
  /** Evaluation date (YYYY-MM-DD). */
  date: string;
  out?: string;
}

/** A policy from a YAML file or a shipped policy id; a file that does not check throws with its problems. */
export async function loadPolicy(ref: string): Promise<PolicyDefinition> {
  const file = existsSync(ref) ? ref : path.join(POLICY_DIR, `${ref}.yaml`);
  if (!existsSync(file))
    throw new Error(`No policy file "${ref}" and no shipped policy with that id (in ${POLICY_DIR})`);
  const parsed = parsePolicyYaml(await readFile(file, 'utf8'));
  if (!parsed.ok) {
    const lines = parsed.problems.map(
      (p) => `  ${p.line > 0 ? `line ${p.line}` : 'file'}, ${p.field}: ${p.message.zh} / ${p.message.en}`,
    );
    throw new Error(`${file} is not a valid policy:\n${lines.join('\n')}`);
  }
  return parsed.policy;
}

/** The clauses of an explanation, leaves only, in order. */
function clauses(node: Explained): Explained[] {
  return node.children ? node.children.flatMap(clauses) : [node];
}

interface Answer {
  row: number;
  uscc: string | null;
  name: string | null;
  outcome: Eligibility['outcome'] | 'invalid';
  reasons: string[];
  missing: string[];
  nearMiss: string | null;
  explanation?: Explained;
}

/** Evaluates a policy for every enterprise of a file; returns counts by outcome. */
export async function eligibilityFile(
  policyRef: string,
  factsFile: string,
  options: EligibilityOptions,
): Promise<Record<string, number>> {
  const policy = await loadPolicy(policyRef);
  const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  const counts: Record<string, number> = {};
  const lang = options.lang;
  const emit = async (answer: Answer) => {
    counts[answer.outcome] = (counts[answer.outcome] ?? 0) + 1;
    if (options.format === 'json') {
      await write(`${JSON.stringify(answer)}\n`);
      return;
    }
    const cells = [
      answer.row,
      answer.uscc ?? '',
      answer.name ?? '',
      answer.outcome,
      answer.reasons.join('; '),
      answer.missing.join('; '),
      answer.nearMiss ?? '',
    ];
    await write(`${cells.map((c) => csvCell(c)).join(',')}\n`);
  };
  const answerOf = (
    row: number,
    uscc: string | null,
    name: string | null,
    facts: EnterpriseFacts,
  ): Answer => {
    const result = evaluateRule(policy.rule, facts, options.date, policy.parameters);
    return {
      row,
      uscc,
      name,
      outcome: result.outcome,
      reasons: clauses(result.explanation).map((c) => c.text[lang]),
      missing: result.missing.map((m) => m[lang]),
      nearMiss: result.nearMiss ? result.nearMiss.text[lang] : null,
      ...(options.format === 'json' ? { explanation: result.explanation } : {}),
    };
  };
  if (options.format === 'csv') {
    await write(`${['row', 'uscc', 'name', 'outcome', 'reasons', 'missing', 'near_miss'].join(',')}\n`);
  }
  if (factsFile.toLowerCase().endsWith('.json')) {
    const data: unknown = JSON.parse(await readFile(factsFile, 'utf8'));
    if (!Array.isArray(data)) throw new Error(`${factsFile}: expected a JSON array of enterprises`);
    for (const [i, item] of data.entries()) {
      const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      const facts = factsOf('facts' in record ? record.facts : record);
      await emit(
        answerOf(
          i + 1,
          typeof record.uscc === 'string' ? record.uscc : null,
          typeof record.name === 'string' ? record.name : null,
          facts,
        ),
      );
    }
  } else {
    for await (const batch of readTable({ path: factsFile }, ENTERPRISE_IMPORT_COLUMNS, {
      unknownColumns: 'ignore',
    })) {
      const cellProblems = new Map<number, string[]>();
      for (const e of batch.cellErrors) {
        cellProblems.set(e.row, [...(cellProblems.get(e.row) ?? []), `${e.field}: ${e.message[lang]}`]);
      }
      for (const row of batch.rows) {
        const result = validateEnterpriseRow(row.values, row.rowNumber, options.date);
        const problems = cellProblems.get(row.rowNumber) ?? [];
        if (!result.ok || problems.length > 0) {
          const errors = result.ok ? [] : result.errors.map((e) => `${e.field}: ${e.message[lang]}`);
          await emit({
            row: row.rowNumber,
            uscc: row.values.uscc ?? null,
            name: row.values.name ?? null,
            outcome: 'invalid',
            reasons: [...problems, ...errors],
            missing: [],
            nearMiss: null,
          });
          continue;
        }
        await emit(
          answerOf(row.rowNumber, result.record.uscc, result.record.name, factsOfInput(result.record)),
        );
      }
    }
  }
  if (options.out) await new Promise<void>((resolve) => out.end(() => resolve()));
  return counts;
}
