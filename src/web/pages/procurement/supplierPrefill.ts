/**
 * The award form's supplier name from the registry (issue 17): when the buyer types a winner's USCC the registry
 * knows, its registered name fills the name field if that is empty (or still holds an earlier look-up's name), and
 * the registry's name is shown beside the field either way. A name the buyer typed is never replaced.
 */
import { useRef, useState } from 'react';
import { procurementApi, type Supplier } from '../../api/procurement.ts';
import { USCC_PATTERN } from './procurementModel.ts';

/** The name to put in the field after a look-up found `registryName`, or null to leave the field as it is. */
export function supplierNameToFill(
  current: string | undefined,
  filledBefore: string | null,
  registryName: string,
): string | null {
  const name = current?.trim() ?? '';
  if (name === '' || (filledBefore !== null && name === filledBefore))
    return name === registryName ? null : registryName;
  return null;
}

/** The USCC to look up from a typed value, or null while it is not a whole valid code. */
export function supplierCodeOf(value: string | undefined): string | null {
  const code = (value ?? '').trim().toUpperCase();
  return code.length === 18 && USCC_PATTERN.test(code) ? code : null;
}

/** Looks a typed USCC up (the newest typing wins) and fills the name as `supplierNameToFill` says. */
export function useSupplierLookup(setName: (name: string) => void, currentName: () => string | undefined) {
  const [found, setFound] = useState<Supplier | null>(null);
  const filled = useRef<string | null>(null);
  const pending = useRef<AbortController | null>(null);
  const onCodeChange = (value: string | undefined) => {
    pending.current?.abort();
    setFound(null);
    const code = supplierCodeOf(value);
    if (code === null) return;
    const controller = new AbortController();
    pending.current = controller;
    procurementApi.lookupSupplier(code, controller.signal).then(
      (supplier) => {
        if (controller.signal.aborted) return;
        setFound(supplier);
        const name = supplierNameToFill(currentName(), filled.current, supplier.name);
        if (name !== null) {
          setName(name);
          filled.current = name;
        }
      },
      () => undefined,
    );
  };
  return { found, onCodeChange };
}
