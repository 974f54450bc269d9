/**
 * Turns what a submit threw into what a form shows: each API error whose `meta.paramName` is a
 * field of this form goes beside that field, anything else (no field, a network failure) to
 * the form's alert. Messages come from the localization's `errors[code]` when it has one
 * (with `{{meta}}` values), else from the server's `longMessage`. After a failed submit,
 * focus moves to the first invalid field in form order.
 */
import { isGatehouseAPIError, isGatehouseNetworkError } from '@gatehouse/js';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocalization } from '../context.ts';
import { fmt, type Localization } from './localization/en-us.ts';

export interface FormErrors {
  fields: Record<string, string>;
  general: string | null;
}

const NONE: FormErrors = { fields: {}, general: null };

export function toFormErrors(error: unknown, fields: readonly string[], l: Localization): FormErrors {
  if (isGatehouseNetworkError(error)) return { fields: {}, general: l.errors.network ?? null };
  if (!isGatehouseAPIError(error)) return { fields: {}, general: l.errors.unknown ?? null };
  const out: FormErrors = { fields: {}, general: null };
  for (const e of error.errors) {
    const vars = Object.fromEntries(
      Object.entries(e.meta).filter((kv): kv is [string, string | number] =>
        ['string', 'number'].includes(typeof kv[1]),
      ),
    );
    const override = l.errors[e.code];
    const message = override ? fmt(override, vars) : e.longMessage;
    const field = e.meta.paramName;
    if (field && fields.includes(field)) out.fields[field] ??= message;
    else out.general ??= message;
  }
  return out;
}

export interface FormErrorState {
  errors: FormErrors;
  /** Shows what `error` says; focuses the first invalid field. */
  fail(error: unknown): void;
  /** Shows a message of our own in the alert. */
  failWith(message: string): void;
  clear(): void;
  /** A ref callback for a field's input, for focus on error. */
  inputRef(field: string): (el: HTMLInputElement | null) => void;
}

export function useFormErrors(fields: readonly string[]): FormErrorState {
  const l = useLocalization();
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const focusPending = useRef(false);
  const order = fields.join('\n');

  // Before paint, so the focus lands with the messages.
  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const first = order.split('\n').find((f) => errors.fields[f] !== undefined);
    if (first) inputs.current.get(first)?.focus();
  }, [errors, order]);

  const fail = useCallback(
    (error: unknown) => {
      focusPending.current = true;
      setErrors(toFormErrors(error, order.split('\n'), l));
    },
    [order, l],
  );
  const failWith = useCallback((message: string) => setErrors({ fields: {}, general: message }), []);
  const clear = useCallback(() => setErrors(NONE), []);
  const inputRef = useCallback(
    (field: string) => (el: HTMLInputElement | null) => {
      if (el) inputs.current.set(field, el);
      else inputs.current.delete(field);
    },
    [],
  );
  return useMemo(() => ({ errors, fail, failWith, clear, inputRef }), [errors, fail, failWith, clear, inputRef]);
}
