// Validating the parameters of a rule version against the rule's typed specs. Pure: values in, values and
// field errors (Chinese and English) out. A partial edit is completed from the version it starts from.
import { fieldError, type FieldError } from '../platform/errors';
import type { ParamSpec, ParamValue, RuleDefinition, RuleParams } from './rule-types';

/** Fen as yuan for people: 2341050 → '23,410.50', 2000000 → '20,000'. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = abs % 100;
  return sign + (cents === 0 ? yuan : `${yuan}.${String(cents).padStart(2, '0')}`);
}

function describeRange(spec: ParamSpec): { zh: string; en: string } {
  switch (spec.type) {
    case 'money':
      return { zh: `${formatYuan(spec.min)} 到 ${formatYuan(spec.max)} 元之间的金额（以分为单位的整数）`, en: `an amount from ${formatYuan(spec.min)} to ${formatYuan(spec.max)} yuan (whole fen)` };
    case 'integer':
      return { zh: `${spec.min} 到 ${spec.max} ${spec.unit}之间的整数`, en: `a whole number of ${spec.unitEn} from ${spec.min} to ${spec.max}` };
    case 'decimal':
      return { zh: `${spec.min} 到 ${spec.max} 之间、最多 ${spec.decimals} 位小数的数`, en: `a number from ${spec.min} to ${spec.max} with at most ${spec.decimals} decimals` };
    case 'integerList':
      return { zh: `由 ${spec.min} 到 ${spec.max} 的整数组成的列表，至少 ${spec.minItems} 项`, en: `a list of whole numbers from ${spec.min} to ${spec.max}, at least ${spec.minItems}` };
    case 'codeList':
      return { zh: `从「${Object.values(spec.values).map((v) => v.zh).join('、')}」中选择，至少 ${spec.minItems} 项`, en: `a choice among ${Object.keys(spec.values).join(', ')}, at least ${spec.minItems}` };
    case 'textList':
      return { zh: `最多 ${spec.maxItems} 项、每项不超过 ${spec.maxLength} 字的列表`, en: `a list of at most ${spec.maxItems} entries of at most ${spec.maxLength} characters` };
    case 'boolean':
      return { zh: '是或否', en: 'true or false' };
  }
}

function decimalsOf(n: number): number {
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** The value if it fits the spec, else undefined. */
function accept(spec: ParamSpec, value: unknown): ParamValue | undefined {
  switch (spec.type) {
    case 'money':
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max ? value : undefined;
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max && decimalsOf(value) <= spec.decimals ? value : undefined;
    case 'integerList': {
      if (!Array.isArray(value) || value.length < spec.minItems) return undefined;
      if (!value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= spec.min && v <= spec.max)) return undefined;
      return [...new Set(value as number[])].sort((a, b) => a - b);
    }
    case 'codeList': {
      if (!Array.isArray(value) || value.length < spec.minItems) return undefined;
      if (!value.every((v) => typeof v === 'string' && Object.hasOwn(spec.values, v))) return undefined;
      return Object.keys(spec.values).filter((code) => (value as string[]).includes(code));
    }
    case 'textList': {
      if (!Array.isArray(value) || value.length < spec.minItems || value.length > spec.maxItems) return undefined;
      const cleaned = (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : null));
      if (cleaned.some((v) => v === null || v === '' || v.length > spec.maxLength)) return undefined;
      return [...new Set(cleaned as string[])];
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
  }
}

/**
 * The full parameter set of a new version: `input` (possibly partial) over `base`. Unknown keys, values of
 * the wrong type or outside their range, and failed cross-checks come back as field errors on `params.<key>`.
 */
export function validateParams(rule: RuleDefinition, input: unknown, base: RuleParams): { params: RuleParams; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const params: RuleParams = { ...base };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    errors.push(fieldError('params', 'PARAMS_OBJECT', '参数应为对象', 'params must be an object'));
    return { params, errors };
  }
  const specs = new Map(rule.params.map((s) => [s.key, s]));
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const spec = specs.get(key);
    if (!spec) {
      errors.push(fieldError(`params.${key}`, 'PARAM_UNKNOWN', `规则「${rule.name}」没有参数「${key}」`, `Rule ${rule.code} has no parameter ${key}`));
      continue;
    }
    const accepted = accept(spec, value);
    if (accepted === undefined) {
      const range = describeRange(spec);
      errors.push(fieldError(`params.${key}`, 'PARAM_INVALID', `「${spec.label}」应为${range.zh}`, `${spec.labelEn} must be ${range.en}`));
      continue;
    }
    params[key] = accepted;
  }
  for (const spec of rule.params) {
    if (params[spec.key] === undefined) {
      errors.push(fieldError(`params.${spec.key}`, 'PARAM_REQUIRED', `「${spec.label}」必填`, `${spec.labelEn} is required`));
    }
  }
  if (errors.length === 0 && rule.check) {
    for (const e of rule.check(params)) errors.push(fieldError(`params.${e.key}`, 'PARAM_CHECK', e.zh, e.en));
  }
  return { params, errors };
}

/** The parameter specs as the API publishes them (for the rule editor). */
export function publishSpec(spec: ParamSpec) {
  const base = { key: spec.key, label: spec.label, labelEn: spec.labelEn, type: spec.type, help: spec.help ?? null };
  switch (spec.type) {
    // `type: spec.type` again in each case: the published spec stays a union the client can narrow by type.
    case 'money': return { ...base, type: spec.type, unit: '分', unitEn: 'fen', min: spec.min, max: spec.max };
    case 'integer': return { ...base, type: spec.type, unit: spec.unit, unitEn: spec.unitEn, min: spec.min, max: spec.max };
    case 'decimal': return { ...base, type: spec.type, min: spec.min, max: spec.max, decimals: spec.decimals };
    case 'integerList': return { ...base, type: spec.type, min: spec.min, max: spec.max, minItems: spec.minItems };
    case 'codeList': return { ...base, type: spec.type, minItems: spec.minItems, values: Object.entries(spec.values).map(([code, l]) => ({ code, label: l.zh, labelEn: l.en })) };
    case 'textList': return { ...base, type: spec.type, minItems: spec.minItems, maxItems: spec.maxItems, maxLength: spec.maxLength };
    case 'boolean': return { ...base, type: spec.type };
  }
}
