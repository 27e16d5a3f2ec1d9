// A validation problem tied to one field of a form, worded for the caseworker (Chinese) and the log (English).
// Field paths use dots and brackets as the form does: 'members[2].idNumber'.

export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export function fieldError(field: string, code: string, zh: string, en: string): FieldError {
  return { field, code, zh, en };
}

/** A domain step either succeeds with a value or fails with a typed error; illegal moves are data, not exceptions. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
