// Types of bin/web-build.js for the Vite configuration (src/web/vite.config.ts).

/** What a build is made of: each input file (relative to the repository) and its SHA-256 (null: absent). */
export interface WebBuildRecord {
  builtAt: string;
  files: Record<string, string | null>;
}

export const webDir: string;
export const recordFile: string;
/** The record of a build from the absolute paths of its modules (`root`: the repository, by default). */
export function buildRecord(moduleIds: Iterable<string>, root?: string): WebBuildRecord;
/** Whether `root`/dist/web is there and built from the files as they are now. */
export function webBuildState(root?: string): { state: 'missing' | 'stale' | 'current'; changed: string[] };
