// How a policy version's figures read: 特困 basic support rules ("¥930" or "低保标准 × 1.3"), and the
// origin of a version (seed from a published notice, entered by an administrator, demo).
import { Tag } from 'antd';
import type { TekunBasicRule } from '../../../../src/benefits/policy/types';
import { ROUNDING_RULE_LABELS } from '../../../../src/benefits/money';
import { useI18n, type MessageKey } from '../../i18n';
import { Money } from './explanation-ui';

export function TekunRuleText({ rule }: { rule: TekunBasicRule | undefined }) {
  const { t, label } = useI18n();
  if (!rule) return <span className="sn-muted">{t('benefits.policy.sameAsDefault')}</span>;
  if (rule.mode === 'amount') return <Money fen={rule.amountFen} />;
  return <span>{t('benefits.policy.ratioOfStandard', { ratio: (rule.ratioPermille / 1000).toString(), rounding: label(ROUNDING_RULE_LABELS, rule.rounding) })}</span>;
}

const ORIGIN: Record<string, { key: MessageKey; color: string }> = {
  seed: { key: 'benefits.policy.origin.seed', color: 'blue' },
  api: { key: 'benefits.policy.origin.api', color: 'green' },
  demo: { key: 'benefits.policy.origin.demo', color: 'default' },
};

export function OriginTag({ origin }: { origin: string }) {
  const { t } = useI18n();
  const o = ORIGIN[origin];
  return o ? <Tag color={o.color}>{t(o.key)}</Tag> : <Tag>{origin}</Tag>;
}
