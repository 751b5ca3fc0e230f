/** Vitest global setup: build the migrated template database once per run. */
import { buildTemplate } from './helpers/template.ts';

export default async function setup(): Promise<void> {
  await buildTemplate();
}
