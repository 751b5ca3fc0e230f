/**
 * Enter in a date or time picker takes the typed value (the picker's own handling) and goes no further: it does not
 * also submit the form around it — a project saved half filled, a release scheduled without its OK (a new user's
 * trial). One listener for the whole app, before any form's, so no form can forget it.
 */
export function isEnterInPicker(event: Pick<KeyboardEvent, 'key' | 'target' | 'isComposing'>): boolean {
  if (event.key !== 'Enter' || event.isComposing) return false;
  const target = event.target as Element | null;
  return target?.tagName === 'INPUT' && target.closest('.ant-picker') !== null;
}

/** Installs the listener (capture phase on the document: the browser's implicit submission is prevented). */
export function keepEnterInPickers(doc: Document): void {
  doc.addEventListener(
    'keydown',
    (event) => {
      if (isEnterInPicker(event)) event.preventDefault();
    },
    true,
  );
}
