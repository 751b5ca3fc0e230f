/**
 * A supplier as the registry knows it, by its USCC (issue 17): the award form fills the winner's name from it. Read
 * through the registry module's front door (its index.ts), never its tables; one code at a time.
 */
import { isValidUscc } from '../../../reference/uscc.ts';
import { AppError } from '../../http/errors.ts';
import { findEnterpriseNames, findEnterpriseSizeByUscc } from '../registry/index.ts';
import type { Db } from './procurement.bodies.ts';

/** The registered name and size class of a USCC; NOT_FOUND when the registry does not know it. */
export async function getSupplier(db: Db, uscc: string) {
  const code = uscc.trim().toUpperCase();
  const registered = isValidUscc(code) ? await findEnterpriseSizeByUscc(db, code) : undefined;
  const name = registered
    ? (await findEnterpriseNames(db, [Number(registered.id)])).get(Number(registered.id))
    : undefined;
  if (!registered || name === undefined)
    throw new AppError('NOT_FOUND', [], {
      zh: `企业名录中没有统一社会信用代码为 ${code} 的企业`,
      en: `The registry has no enterprise with the USCC ${code}`,
    });
  return {
    uscc: code,
    name,
    size: registered.size ?? null,
    sizeYear: registered.year === null || registered.year === undefined ? null : Number(registered.year),
  };
}
