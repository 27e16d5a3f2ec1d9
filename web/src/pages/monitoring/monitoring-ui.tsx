// Pieces the monitoring pages share: level and status tags in the reader's language, a run's kind and status,
// durations in words, labels of a warning's figures, and a label/value line of a <dl>.
import { Tag } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import {
  LEVEL_LABELS, SCENARIO_LABELS, WARNING_STATUS_LABELS, type Level, type WarningStatus,
} from '../../../../src/monitoring/rule-types';
import type { RunProgress } from '../../api/monitoring';
import { useI18n, type MessageKey } from '../../i18n';
import { LEVEL_COLOURS, STATUS_COLOURS, splitMs } from './monitoring-format';
import './monitoring.css';

/** One line of a <dl>: a parameter of a rule, a field of a piece of evidence. */
export function FieldPair({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function LevelTag({ level, short = false }: { level: Level; short?: boolean }) {
  const { t, label } = useI18n();
  return (
    <Tag color={LEVEL_COLOURS[level]} data-testid="level-tag" className="sn-level-tag">
      {short ? t(`monitoring.level.${level}` as MessageKey) : label(LEVEL_LABELS, level)}
    </Tag>
  );
}

export function WarningStatusTag({ status }: { status: WarningStatus }) {
  const { label } = useI18n();
  return <Tag color={STATUS_COLOURS[status]} data-testid="status-tag">{label(WARNING_STATUS_LABELS, status)}</Tag>;
}

export function ScenarioText({ scenario }: { scenario: string }) {
  const { label } = useI18n();
  return <>{label(SCENARIO_LABELS, scenario)}</>;
}

export function RunStatusTag({ status }: { status: RunProgress['status'] }) {
  const { t } = useI18n();
  if (status === 'completed') return <Tag color="success" icon={<CheckCircleOutlined />} data-testid="run-status">{t('monitoring.run.status.completed')}</Tag>;
  if (status === 'running') return <Tag color="processing" icon={<SyncOutlined spin />} data-testid="run-status">{t('monitoring.run.status.running')}</Tag>;
  return <Tag color="error" icon={<CloseCircleOutlined />} data-testid="run-status">{t('monitoring.run.status.failed')}</Tag>;
}

export function RunKindTag({ kind }: { kind: RunProgress['kind'] }) {
  const { t } = useI18n();
  const colour = kind === 'full' ? 'geekblue' : kind === 'import' ? 'default' : 'purple';
  return <Tag color={colour}>{t(`monitoring.run.kind.${kind}` as MessageKey)}</Tag>;
}

/** Milliseconds in words, in the reader's language. */
export function useMs() {
  const { t } = useI18n();
  return (ms: number | null | undefined) => {
    const d = splitMs(ms);
    if (!d) return '—';
    if (d.unit === 'ms') return t('monitoring.duration.ms', { n: d.ms! });
    if (d.unit === 's') return t('monitoring.duration.s', { n: d.s! });
    return t('monitoring.duration.min', { m: d.m!, s: d.ss! });
  };
}

const FIGURE_KEYS = new Set([
  'admittedOn', 'after', 'ageAtDeath', 'ageAtRegistration', 'areaM2', 'baselineAverageFen', 'businesses', 'capitalFen', 'categories', 'company',
  'deaths', 'deceased', 'diedOn', 'disease', 'earlierGrade', 'enrolledOn', 'establishedOn', 'events', 'expenseFen', 'firstMonth', 'grade',
  'hospitalisations', 'houseDamage', 'incomeFen', 'issuedOn', 'kind', 'labourCapacity', 'lastDeath', 'lastMonth', 'livingMembers', 'lossLevel',
  'medicalFen', 'month', 'months', 'monitoringType', 'multiple', 'occurredOn', 'oldestAge', 'plate', 'properties', 'registeredOn', 'registrar',
  'risk', 'school', 'selfPaidFen', 'settlements', 'since', 'spikeMonths', 'stage', 'through', 'tuitionFen', 'unitNo', 'use', 'vehicleType',
  'vehicles', 'youngestAge',
]);

/** The label of a figure: the rule's own parameter label when it is a parameter, else a known figure, else the key. */
export function useFigureLabel(paramLabels: Map<string, { zh: string; en: string }>) {
  const { t, pick } = useI18n();
  return (key: string) => {
    const p = paramLabels.get(key);
    if (p) return pick(p.zh, p.en);
    return FIGURE_KEYS.has(key) ? t(`monitoring.figure.${key}` as MessageKey) : key;
  };
}
