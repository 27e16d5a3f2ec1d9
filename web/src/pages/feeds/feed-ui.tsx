// Pieces the feeds pages share: a run's status tag, a feed's name in the reader's language, durations, and
// the report of an import (counts, refusal, ignored columns, error lines, the XLSX error report).
import { useMemo } from 'react';
import { Alert, Button, Descriptions, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { errorsXlsxUrl, type FeedContract, type ImportErrorLine, type ImportReport, type ImportRun } from '../../api/feeds';
import { useI18n } from '../../i18n';
import { splitDuration } from './quality';

export function StatusTag({ status }: { status: ImportRun['status'] }) {
  const { t } = useI18n();
  switch (status) {
    case 'completed':
      return <Tag color="success" icon={<CheckCircleOutlined />} data-testid="run-status">{t('feeds.status.completed')}</Tag>;
    case 'rejected':
      return <Tag color="error" icon={<CloseCircleOutlined />} data-testid="run-status">{t('feeds.status.rejected')}</Tag>;
    case 'running':
      return <Tag color="processing" icon={<SyncOutlined spin />} data-testid="run-status">{t('feeds.status.running')}</Tag>;
    default:
      return <Tag color="warning" icon={<WarningOutlined />} data-testid="run-status">{t('feeds.status.failed')}</Tag>;
  }
}

/** A feed's name in the reader's language, from the catalogue; the code when the catalogue lacks it. */
export function useFeedName(catalogue: FeedContract[] | undefined) {
  const { pick } = useI18n();
  return useMemo(() => {
    const byCode = new Map((catalogue ?? []).map((f) => [f.code, f]));
    return (code: string) => {
      const f = byCode.get(code);
      return f ? pick(f.name, f.nameEn) : code;
    };
  }, [catalogue, pick]);
}

export function useDuration() {
  const { t } = useI18n();
  return (ms: number | null | undefined) => {
    const d = splitDuration(ms);
    if (!d) return '';
    if (d.millis !== undefined) return t('feeds.durationMs', { ms: d.millis });
    return d.minutes ? t('feeds.durationMin', { m: d.minutes, s: d.seconds }) : t('feeds.durationSec', { s: d.seconds });
  };
}

/** What a report shows, from an upload's answer or a stored run. */
export interface ReportData {
  importId: number | null;
  status: ImportRun['status'];
  counts: Pick<ImportReport, 'read' | 'accepted' | 'rejected' | 'duplicates' | 'matched' | 'unmatched'>;
  ignoredColumns: string[];
  rejectReason: ImportReport['rejectReason'] | null;
  errors: ImportErrorLine[];
}

export function reportFromUpload(r: ImportReport): ReportData {
  return { importId: r.importId, status: r.status, counts: r, ignoredColumns: r.ignoredColumns ?? [], rejectReason: r.rejectReason ?? null, errors: r.errors };
}

export function ImportReportView({ report, errorPageSize = 10 }: { report: ReportData; errorPageSize?: number }) {
  const { t, pick } = useI18n();
  const { counts } = report;
  const hasErrors = report.errors.length > 0 || counts.rejected > 0;
  const stat = (key: keyof ReportData['counts'], label: string, color?: string) => (
    <Statistic title={label} value={counts[key]} groupSeparator="," styles={color ? { content: { color } } : undefined} data-testid={`count-${key}`} />
  );
  const columns: TableProps<ImportErrorLine>['columns'] = [
    { key: 'row', title: t('report.row'), dataIndex: 'row', width: 64, render: (n: number) => <span data-testid="error-row">{n}</span> },
    { key: 'column', title: t('report.column'), dataIndex: 'column', width: 110 },
    { key: 'value', title: t('report.value'), dataIndex: 'value', width: 150, render: (v: string) => (v ? <span className="sn-mono sn-break">{v}</span> : <span className="sn-muted">{t('common.empty')}</span>) },
    { key: 'reason', title: t('report.reason'), dataIndex: 'reason', render: (v: string) => <span data-testid="error-reason">{v}</span> },
  ];
  return (
    <div data-testid="import-report">
      {report.status === 'completed' ? (
        <Alert type={hasErrors ? 'warning' : 'success'} showIcon title={hasErrors ? t('report.completedWithErrors', { n: counts.rejected }) : t('report.completed')} className="sn-gap" />
      ) : report.status === 'rejected' ? (
        <Alert
          type="error"
          showIcon
          title={t('report.refused')}
          description={report.rejectReason ? <span data-testid="reject-reason">{t('report.rejectReason', { reason: pick(report.rejectReason.zh, report.rejectReason.en) })}</span> : undefined}
          className="sn-gap"
        />
      ) : null}
      <div className="sn-stats">
        {stat('read', t('feeds.count.read'))}
        {stat('accepted', t('feeds.count.accepted'), '#237804')}
        {stat('rejected', t('feeds.count.rejected'), counts.rejected ? '#cf1322' : undefined)}
        {stat('duplicates', t('feeds.count.duplicates'))}
        {stat('matched', t('feeds.count.matched'))}
        {stat('unmatched', t('feeds.count.unmatched'))}
      </div>
      {report.ignoredColumns.length > 0 && (
        <Descriptions size="small" column={1} className="sn-gap-top">
          <Descriptions.Item label={t('report.ignoredColumns')}>
            <span className="sn-tags">
              {report.ignoredColumns.map((c) => (
                <Tag key={c}>{c}</Tag>
              ))}
            </span>
          </Descriptions.Item>
        </Descriptions>
      )}
      {hasErrors && (
        <div className="sn-gap-top">
          <div className="sn-section-head">
            <Typography.Title level={5} className="sn-no-margin">
              {report.errors.length < counts.rejected
                ? t('report.errorsFirst', { n: report.errors.length, total: counts.rejected })
                : t('report.errors', { n: report.errors.length })}
            </Typography.Title>
            {report.importId !== null && (
              <Button icon={<DownloadOutlined />} href={errorsXlsxUrl(report.importId)} download data-testid="download-errors">
                {t('report.download')}
              </Button>
            )}
          </div>
          <Table<ImportErrorLine>
            size="small"
            rowKey={(e, i) => `${e.row}-${e.column}-${i}`}
            dataSource={report.errors}
            columns={columns}
            scroll={{ x: 520 }}
            pagination={report.errors.length > errorPageSize ? { pageSize: errorPageSize, showSizeChanger: false, size: 'small' } : false}
            locale={{ emptyText: t('report.noErrorLines') }}
            data-testid="error-table"
          />
        </div>
      )}
    </div>
  );
}
