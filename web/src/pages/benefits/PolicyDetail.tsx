// One policy version in full: the figures the rules use, the documents they were read in and what was
// assumed, who entered it; and the region's other versions (its history), newest first.
import type { ReactNode } from 'react';
import { Alert, Descriptions, List, Tag, Timeline, Typography } from 'antd';
import type { PolicyVersionView } from '../../api/benefits';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime } from '../../format/date';
import { INCOME_KIND_LABELS } from '../../../../src/benefits/kinds';
import { ROUNDING_RULE_LABELS } from '../../../../src/benefits/money';
import { Money, useAreaLabel } from './explanation-ui';
import { OriginTag, TekunRuleText } from './policy-ui';
import { AREAS } from './policy-form';

export function PolicyDetail({ policy: v, history, onOpen }: { policy: PolicyVersionView; history: PolicyVersionView[]; onOpen: (id: number) => void }) {
  const { t, label, pick, locale } = useI18n();
  const area = useAreaLabel();
  const p = v.params;
  const byArea = (render: (a: 'urban' | 'rural') => ReactNode) => (
    <span className="sn-lines">
      {AREAS.map((a) => <span key={a}>{area(a)}：{render(a)}</span>)}
    </span>
  );
  return (
    <div data-testid="policy-detail">
      <Descriptions
        size="small"
        bordered
        column={1}
        className="sn-gap"
        items={[
          { key: 'region', label: t('benefits.policy.region'), children: `${v.regionName ?? ''} ${v.regionCode}` },
          { key: 'area', label: t('benefits.policy.area'), children: area(v.areaType) },
          { key: 'from', label: t('benefits.policy.effectiveFrom'), children: formatDate(v.effectiveFrom, locale) },
          { key: 'version', label: t('benefits.policy.version'), children: <span>{t('benefits.policy.versionN', { n: v.version })} <OriginTag origin={v.origin} /></span> },
          { key: 'dibao', label: t('benefits.policy.dibaoStandard'), children: byArea((a) => <Money fen={p.dibaoStandard[a]} />) },
          {
            key: 'tekun', label: t('benefits.policy.tekunBasic'),
            children: byArea((a) => (
              <span>
                <TekunRuleText rule={p.tekunBasic[a].default} />
                {p.tekunBasic[a].bySelfCareLevel?.partlyLost && <span className="sn-muted">；{t('benefits.level.partlyLost')} <TekunRuleText rule={p.tekunBasic[a].bySelfCareLevel?.partlyLost} /></span>}
                {p.tekunBasic[a].bySelfCareLevel?.fullyLost && <span className="sn-muted">；{t('benefits.level.fullyLost')} <TekunRuleText rule={p.tekunBasic[a].bySelfCareLevel?.fullyLost} /></span>}
              </span>
            )),
          },
          {
            key: 'care', label: t('benefits.policy.tekunCare'),
            children: <span>{t('benefits.level.selfCare')} <Money fen={p.tekunCare.selfCare} /> · {t('benefits.level.partlyLost')} <Money fen={p.tekunCare.partlyLost} /> · {t('benefits.level.fullyLost')} <Money fen={p.tekunCare.fullyLost} /></span>,
          },
          { key: 'nearPoor', label: t('benefits.policy.nearPoorRatio'), children: `× ${p.nearPoorRatioPermille / 1000}` },
          { key: 'grace', label: t('benefits.policy.graceMonths'), children: t('benefits.rechecks.months', { n: p.gracePeriodMaxMonths }) },
          { key: 'recheck', label: t('benefits.policy.recheckMonths'), children: t('benefits.policy.recheckText', p.recheckMonths) },
          { key: 'rounding', label: t('benefits.policy.rounding'), children: label(ROUNDING_RULE_LABELS, p.rounding) },
          { key: 'exempt', label: t('benefits.policy.exemptIncome'), children: p.exemptIncomeKinds.map((k) => label(INCOME_KIND_LABELS, k)).join('、') || t('common.none') },
          {
            key: 'disposable', label: t('benefits.policy.disposableIncome'),
            children: byArea((a) => (p.lastYearPerCapitaDisposableIncomeFen[a] === null ? <Tag color="gold">{t('benefits.policy.notEntered')}</Tag> : <Money fen={p.lastYearPerCapitaDisposableIncomeFen[a]} />)),
          },
          {
            key: 'temporary', label: t('benefits.policy.temporaryBands'),
            children: p.temporaryAssistance.bands.map((b) => `${pick(b.label.zh, b.label.en)}${b.multiplePermille === null ? '' : ` × ${b.multiplePermille / 1000}`}`).join('；'),
          },
          { key: 'by', label: t('benefits.policy.enteredBy'), children: `${v.createdBy} · ${formatDateTime(v.createdAt, locale)}` },
          { key: 'awards', label: t('benefits.policy.usedBy'), children: t('benefits.policy.awardsN', { n: v.awards }) },
        ]}
      />
      <Typography.Title level={5}>{t('benefits.policy.documents')}</Typography.Title>
      <List size="small" bordered className="sn-gap" dataSource={v.source.documents} renderItem={(d) => <List.Item className="sn-break">{d}</List.Item>} />
      {v.source.assumed.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="sn-gap"
          title={t('benefits.policy.assumedTitle', { n: v.source.assumed.length })}
          description={<ul className="sn-no-margin">{v.source.assumed.map((a, i) => <li key={i} className="sn-break">{a}</li>)}</ul>}
        />
      )}
      {v.source.notes && <Typography.Paragraph type="secondary">{v.source.notes}</Typography.Paragraph>}
      <Typography.Title level={5}>{t('benefits.policy.history')}</Typography.Title>
      <Timeline
        data-testid="policy-history"
        items={history.map((h) => ({
          key: h.id,
          color: h.id === v.id ? 'blue' : 'gray',
          content: (
            <a onClick={() => onOpen(h.id)}>
              {t('benefits.policy.historyLine', {
                version: h.version, from: formatDate(h.effectiveFrom, locale), area: area(h.areaType),
                urban: (h.params.dibaoStandard.urban / 100).toFixed(2), rural: (h.params.dibaoStandard.rural / 100).toFixed(2),
              })}
            </a>
          ),
        }))}
      />
    </div>
  );
}
