/** The debtor look-up of the complaint form (`GET /api/registry/lookup/:uscc`, registry.lookup.ts). */
import { get } from './client.ts';

/** A registered enterprise's name and region. */
export interface EnterpriseName {
  name: string;
  regionCode: string;
  regionName: string;
}

/** The registered enterprise of a USCC; rejects with a 404 ApiError when the registry does not know it. */
export function lookupEnterpriseName(uscc: string, signal?: AbortSignal): Promise<EnterpriseName> {
  return get('/api/registry/lookup/:uscc', { params: { uscc }, signal });
}
