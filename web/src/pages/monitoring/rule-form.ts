// The rule editor's form ↔ the API: parameters as people type them (money in yuan, lists as choices) and as
// the server takes them (money in fen), and where a field error of the server lands on the form. Pure.
import type { ParamSpecView, RuleVersionInput } from '../../api/monitoring';

export type ParamFormValue = number | boolean | string[] | number[] | null | undefined;

export interface RuleFormValues {
  /** Shown by the region picker; the page sends the region it was opened for. */
  regionCode?: string | null;
  params: Record<string, ParamFormValue>;
  level: string;
  enabled: boolean;
  appliesTo: string;
  /** 'YYYY-MM-DD' or empty (the server's today). */
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  note?: string | null;
}

/** A stored parameter as the form shows it: fen → yuan for money. */
export function paramToForm(spec: Pick<ParamSpecView, 'type'>, value: unknown): ParamFormValue {
  if (value === undefined || value === null) return undefined;
  if (spec.type === 'money') return typeof value === 'number' ? value / 100 : undefined;
  return value as ParamFormValue;
}

/** A typed-in parameter as the server takes it: yuan → whole fen; empty stays empty (the server says so). */
export function formToParam(spec: Pick<ParamSpecView, 'type'>, value: ParamFormValue): unknown {
  if (value === undefined || value === null) return null;
  switch (spec.type) {
    case 'money':
      return typeof value === 'number' ? Math.round(value * 100) : value;
    case 'textList':
      return (value as string[]).map((s) => String(s).trim()).filter((s) => s !== '');
    case 'integerList':
      return (value as (number | string)[]).map((v) => Number(v));
    case 'boolean':
      return Boolean(value);
    default:
      return value;
  }
}

export function paramsToForm(specs: readonly ParamSpecView[], params: Record<string, unknown>): Record<string, ParamFormValue> {
  return Object.fromEntries(specs.map((s) => [s.key, paramToForm(s, params[s.key])]));
}

/** The body of a new version (or a preview): every parameter, so what is shown is exactly what is proposed. */
export function formToInput(specs: readonly ParamSpecView[], values: RuleFormValues, regionCode: string | null | undefined, baseVersion?: number): RuleVersionInput {
  const params = Object.fromEntries(specs.map((s) => [s.key, formToParam(s, values.params?.[s.key])]));
  const body: RuleVersionInput = {
    params,
    level: values.level as RuleVersionInput['level'],
    enabled: values.enabled,
    appliesTo: values.appliesTo as RuleVersionInput['appliesTo'],
  };
  if (regionCode !== undefined) body.regionCode = regionCode;
  if (values.effectiveFrom) body.effectiveFrom = values.effectiveFrom;
  if (values.effectiveTo) body.effectiveTo = values.effectiveTo;
  if (values.note && values.note.trim()) body.note = values.note.trim();
  if (baseVersion !== undefined) body.baseVersion = baseVersion;
  return body;
}

/** A preview takes the same proposal without dates, note or base version. */
export function previewInput(input: RuleVersionInput) {
  const { effectiveFrom: _from, effectiveTo: _to, note: _note, baseVersion: _base, ...rest } = input;
  return rest;
}

const TOP_FIELDS = new Set(['regionCode', 'level', 'enabled', 'appliesTo', 'effectiveFrom', 'effectiveTo', 'note']);

/** The form field a server error names: 'params.thresholdFen' → ['params', 'thresholdFen']; null = none. */
export function errorFieldPath(field: string, specs: readonly Pick<ParamSpecView, 'key'>[]): (string | number)[] | null {
  const m = /^params\.(.+)$/.exec(field);
  if (m) return specs.some((s) => s.key === m[1]) ? ['params', m[1]] : null;
  return TOP_FIELDS.has(field) ? [field] : null;
}

/** The choices of an integer list (grades 1…4): every whole number in range when there are few. */
export function integerChoices(spec: { min?: number; max?: number }): number[] | null {
  if (spec.min === undefined || spec.max === undefined || spec.max - spec.min > 30) return null;
  return Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min! + i);
}
