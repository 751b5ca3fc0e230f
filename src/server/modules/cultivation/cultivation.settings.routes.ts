/** Routes of a province's cultivation settings (issue 18). */
import type { App, ModuleDeps } from '../../http/types.ts';

/** Registers the settings' routes. */
export function cultivationSettingsRoutes(_app: App, _deps: ModuleDeps): void {}
