/**
 * What fills the overdue-payment complaint form by itself: the claim carried over from the public calculator in the
 * page's query (`/app/my-cases?new=arrears&debtorKind=…`, see paymentForm.complaintUrl), and the debtor's name
 * from the registry when its credit code is typed.
 */
import { useRef, useState } from 'react';
import { lookupEnterpriseName } from '../../api/registryLookup.ts';
import { valuesFromQuery } from '../payments/paymentForm.ts';
import { type ArrearsValues, usccProblem } from './caseForms.ts';

/** The form's starting values: the calculator's claim when the query carries one, else a government debtor. */
export function arrearsInitialValues(params: URLSearchParams, today: string): ArrearsValues {
  const { asOf: _asOf, ...claim } = valuesFromQuery(params, today);
  return { claim };
}

/**
 * Looks a typed credit code up in the registry and fills the debtor's name when it is empty or was filled by an
 * earlier look-up (a name the user typed is kept). Returns the name found, shown beside the field.
 */
export function useDebtorLookup(setName: (name: string) => void, currentName: () => string | undefined) {
  const [found, setFound] = useState<string | null>(null);
  const filled = useRef<string | null>(null);
  const pending = useRef<AbortController | null>(null);
  const onCodeChange = (value: string | undefined) => {
    pending.current?.abort();
    setFound(null);
    const code = (value ?? '').trim().toUpperCase();
    if (usccProblem(code) !== null) return;
    const controller = new AbortController();
    pending.current = controller;
    lookupEnterpriseName(code, controller.signal).then(
      (enterprise) => {
        if (controller.signal.aborted) return;
        setFound(enterprise.name);
        const name = currentName()?.trim();
        if (!name || name === filled.current) {
          setName(enterprise.name);
          filled.current = enterprise.name;
        }
      },
      () => undefined,
    );
  };
  return { found, onCodeChange };
}
