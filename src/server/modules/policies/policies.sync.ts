/**
 * The shipped policies (rules/policies/*.yaml) in the library: each file becomes a published policy, and a file
 * that changed becomes its next version (audited, matched by a job) — unless officials amended that policy in
 * Huiqi or are editing it: then their version stands and the file is reported as kept back. Demonstration programmes come only with the
 * demo data. A file that does not check stops the start with its problems (npm test runs the same checks).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../audit/index.ts';
import { enqueueJobs } from '../jobs/index.ts';
import { POLICY_MATCH_JOB } from './policies.matching.ts';
import {
  getVersionPublisher,
  insertShippedPolicy,
  insertVersion,
  listShippedFingerprints,
  lockPolicyBySlug,
  markFilePublished,
} from './policies.repository.ts';
import { type PolicyDefinition, parsePolicyYaml } from './policy.yaml.ts';

/** The region code an official must hold to edit a policy: the one region it applies to, else national (''). */
export function ownerRegionOf(definition: PolicyDefinition): string {
  return definition.regions.length === 1 ? (definition.regions[0] as string) : '';
}

/** Reads and checks every policy file of a directory. */
export async function readPolicyFiles(dir: string, skip: (fingerprint: string) => boolean = () => false) {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  const files: { name: string; fingerprint: string; policy: PolicyDefinition }[] = [];
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    // A file already published exactly as it is need not be parsed again (start-up time).
    if (skip(createHash('sha256').update(text).digest('hex'))) continue;
    const parsed = parsePolicyYaml(text);
    if (!parsed.ok) {
      const lines = parsed.problems.map((p) => `  line ${p.line}, ${p.field}: ${p.message.en}`);
      throw new Error(`rules/policies/${name} is not a valid policy:\n${lines.join('\n')}`);
    }
    files.push({
      name,
      fingerprint: createHash('sha256').update(text).digest('hex'),
      policy: parsed.policy,
    });
  }
  return files;
}

/** Brings the library up to date with the files; returns what changed. */
export async function syncShippedPolicies(
  db: Kysely<Database>,
  dir: string,
  options: { demo: boolean },
): Promise<{ published: string[]; kept: string[] }> {
  const published: string[] = [];
  /** Files that changed while officials had amended their policy in Huiqi (the officials' version is kept). */
  const kept: string[] = [];
  // Every start: one query tells which files are already published as they are (no transaction for those).
  const known = new Map((await listShippedFingerprints(db)).map((p) => [p.slug, p.file_fingerprint]));
  const publishedAsIs = new Set(known.values());
  const files = await readPolicyFiles(dir, (fingerprint) => publishedAsIs.has(fingerprint));
  for (const file of files) {
    if (file.policy.demo && !options.demo) continue;
    if (known.get(file.policy.id) === file.fingerprint) continue;
    const changed = await db.transaction().execute(async (trx) => {
      // Insert-or-nothing, then lock: two instances starting together publish a new file once.
      await insertShippedPolicy(trx, file.policy, ownerRegionOf(file.policy), file.fingerprint);
      const existing = await lockPolicyBySlug(trx, file.policy.id);
      if (existing.source !== 'file') return false;
      if (existing.current_version !== null) {
        if (existing.file_fingerprint === file.fingerprint) return false;
        // Officials amended it in Huiqi (or are editing it): their version stands; the file change is reported.
        const publisher = await getVersionPublisher(trx, existing.id, existing.current_version);
        if (publisher !== null || existing.draft_changed) {
          kept.push(file.policy.id);
          return false;
        }
      }
      const id = existing.id;
      const version = await insertVersion(trx, id, file.policy, null, `rules/policies/${file.name}`);
      await markFilePublished(trx, id, file.policy, version, file.fingerprint);
      await appendAudit(
        trx,
        { userId: null, role: null },
        {
          action: version === 1 ? 'policy.published' : 'policy.amended',
          targetType: 'policy',
          targetId: id,
          summary: {
            slug: file.policy.id,
            version,
            documentNumber: file.policy.documentNumber,
            file: file.name,
          },
        },
      );
      await enqueueJobs(trx, [{ kind: POLICY_MATCH_JOB, payload: { policyIds: [id] } }]);
      return true;
    });
    if (changed) published.push(file.policy.id);
  }
  return { published, kept };
}
