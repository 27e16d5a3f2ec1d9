// A rule parameter's value as people read it, by its spec: money in yuan, months with their unit, lists of
// codes by their labels.
import type { ParamSpecView } from '../../api/monitoring';
import { useI18n } from '../../i18n';
import { formatFen } from '../../format/money';

export function useParamText() {
  const { t, pick, locale } = useI18n();
  const sep = locale === 'en' ? ', ' : '、';
  return (spec: ParamSpecView, value: unknown): string => {
    if (value === undefined || value === null) return '—';
    switch (spec.type) {
      case 'money':
        return typeof value === 'number' ? formatFen(value) : String(value);
      case 'integer':
        return `${value} ${pick(spec.unit, spec.unitEn)}`;
      case 'boolean':
        return t(value ? 'monitoring.yes' : 'monitoring.no');
      case 'codeList': {
        const labels = new Map(spec.values.map((v) => [v.code, pick(v.label, v.labelEn)]));
        const list = value as string[];
        return list.length ? list.map((c) => labels.get(c) ?? c).join(sep) : t('common.none');
      }
      case 'integerList':
      case 'textList': {
        const list = value as unknown[];
        return list.length ? list.join(sep) : t('common.none');
      }
      default:
        return String(value);
    }
  };
}

export function ParamValueText({ spec, value }: { spec: ParamSpecView; value: unknown }) {
  const text = useParamText();
  return <span data-testid={`param-value-${spec.key}`}>{text(spec, value)}</span>;
}
