// Errors on a form's fields: each error (from the shared rules run in the browser, or the server's 400) goes on
// the field that caused it, and what fits no field is listed above the form. Typing in a field clears its error.
// Each form knows its own mapping from an error's path to a field; this file does the rest, the same everywhere.
import type { FormInstance } from 'antd';

/** An antd field name: ['members', 1, 'idNumber']. */
export type FormFieldPath = (string | number)[];

export interface ReportedError {
  field: string;
  message: string;
  messageEn: string;
}

export interface FieldErrors {
  name: FormFieldPath;
  errors: string[];
}

/** The domain's { field, zh, en } and the server's { field, message, messageEn } alike. */
export function reported(errors: readonly { field: string; zh?: string; en?: string; message?: string; messageEn?: string }[]): ReportedError[] {
  return errors.map((e) => ({ field: e.field, message: e.message ?? e.zh ?? '', messageEn: e.messageEn ?? e.en ?? '' }));
}

/** The names and indexes of an error's path: 'members[1].idNumber' → ['members', '1', 'idNumber']. */
export function pathSegments(field: string): string[] {
  return field.match(/[^.[\]]+/g) ?? [];
}

/** An error's path as a field name, for forms whose names are the request's own: 'incomes[0].personId' → ['incomes', 0, 'personId']. */
export function formPathOf(field: string): FormFieldPath {
  return pathSegments(field).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

/** The errors by field (one entry a field, each text once) and the texts that fit no field, in order. */
export function groupErrors(errors: readonly ReportedError[], fieldOf: (field: string) => FormFieldPath | null, pick: (zh: string, en: string) => string): { fields: FieldErrors[]; general: string[] } {
  const fields = new Map<string, FieldErrors>();
  const general: string[] = [];
  for (const e of errors) {
    const text = pick(e.message, e.messageEn);
    const name = fieldOf(e.field);
    if (!name) {
      general.push(text);
      continue;
    }
    const key = name.join('.');
    const entry = fields.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    fields.set(key, entry);
  }
  return { fields: [...fields.values()], general };
}

// Paths built at run time (members[3].idNumber) are wider than antd's typed paths.
type AnyForm = FormInstance<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function setFieldErrors(form: AnyForm, items: readonly { name: FormFieldPath | string; errors: string[] }[]) {
  form.setFields([...items]);
}

/** Puts the errors on their fields; returns the texts that fit no field. Scrolls to the first field when all fit. */
export function placeErrors(form: AnyForm, errors: readonly ReportedError[], fieldOf: (field: string) => FormFieldPath | null, pick: (zh: string, en: string) => string): string[] {
  const { fields, general } = groupErrors(errors, fieldOf, pick);
  setFieldErrors(form, fields);
  if (fields.length && general.length === 0) form.scrollToField(fields[0].name, { block: 'center', behavior: 'smooth' });
  return general;
}

/** The leaf paths in an onValuesChange object: { members: [ , { idNumber: 'x' }] } → [['members', 1, 'idNumber']]. */
export function changedPaths(changed: unknown, prefix: FormFieldPath = []): FormFieldPath[] {
  if (changed === null || typeof changed !== 'object' || (prefix.length > 0 && !Array.isArray(changed) && Object.getPrototypeOf(changed) !== Object.prototype)) {
    return [prefix];
  }
  const out: FormFieldPath[] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(changed as Record<string, unknown>)) {
    out.push(...changedPaths(v, [...prefix, Array.isArray(changed) ? Number(k) : k]));
  }
  return out;
}

/** An error about the old value must not stay under the new one. */
export function clearStaleErrors(form: AnyForm, changed: unknown) {
  const stale = changedPaths(changed).filter((name) => form.getFieldError(name).length > 0);
  if (stale.length) form.setFields(stale.map((name) => ({ name, errors: [] })));
}

/** Every error on the form, cleared before a new attempt. */
export function clearAllErrors(form: AnyForm) {
  const withErrors = form.getFieldsError().filter((f) => f.errors.length > 0);
  if (withErrors.length) form.setFields(withErrors.map((f) => ({ name: f.name, errors: [] })));
}
