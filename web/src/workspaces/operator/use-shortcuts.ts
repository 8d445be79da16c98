import { useEffect, type RefObject } from 'react';

/**
 * The screen's shortcuts, wherever the focus is: Ctrl+Enter submits the form (its current
 * action), Alt+N goes to the caller number, Alt+K to the knowledge search.
 */
export function useShortcuts(refs: {
  form: RefObject<HTMLFormElement | null>;
  caller: RefObject<HTMLInputElement | null>;
  search: RefObject<HTMLInputElement | null>;
}): void {
  const { form, caller, search } = refs;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.current?.requestSubmit();
      } else if (event.altKey && event.code === 'KeyK') {
        event.preventDefault();
        search.current?.focus();
      } else if (event.altKey && event.code === 'KeyN') {
        event.preventDefault();
        caller.current?.focus();
        caller.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [form, caller, search]);
}
