/** Routes of the public notices (公示) of cultivation recognitions and their objections (issue 18). */
import type { App, ModuleDeps } from '../../http/types.ts';

/** Registers the notices' routes. */
export function cultivationNoticeRoutes(_app: App, _deps: ModuleDeps): void {}
