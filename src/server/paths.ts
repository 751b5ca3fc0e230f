/** Where the platform's shipped files are, from the sources (src/server) and from the bundle (dist/server) alike. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shipped policies (rules/policies/*.yaml). */
export const POLICY_DIR = path.join(root, 'rules/policies');
