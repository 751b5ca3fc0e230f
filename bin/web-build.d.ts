// Types of bin/web-build.js for the Vite configuration (src/web/vite.config.ts).

/** What a build is made of: each input file (relative to the repository) and its SHA-256 (null: absent). */
export interface WebBuildRecord {
  builtAt: string;
  files: Record<string, string | null>;
}

export const webDir: string;
export const recordFile: string;
export function buildRecord(moduleIds: Iterable<string>): WebBuildRecord;
export function webBuildState(): { state: 'missing' | 'stale' | 'current'; changed: string[] };
