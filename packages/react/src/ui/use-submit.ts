/**
 * A form submit: prevents the page load, ignores a second submit while one runs, clears the
 * old errors, shows the new ones, and exposes `loading` for the button.
 */
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { FormErrorState } from './form-errors.ts';

export function useSubmit(form: FormErrorState, action: () => Promise<void>) {
  const [loading, setLoading] = useState(false);
  const running = useRef(false);
  const mounted = useRef(true);
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (e?: FormEvent) => {
      e?.preventDefault();
      if (running.current) return;
      running.current = true;
      form.clear();
      setLoading(true);
      try {
        await latest.current();
      } catch (err) {
        if (mounted.current) form.fail(err);
      } finally {
        running.current = false;
        if (mounted.current) setLoading(false);
      }
    },
    [form],
  );
  return { loading, onSubmit: run };
}
