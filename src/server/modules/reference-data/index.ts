/** Public surface of reference data: its routes, the start-up sync, and region lookups for other modules. */
export { referenceDataRoutes } from './reference-data.routes.ts';
export { findRegionRow, listRegionChildren, syncReferenceData } from './reference-data.service.ts';
