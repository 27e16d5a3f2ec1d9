// 数据导入: upload a department's file (CSV, XLSX or JSON) into one feed, with a real progress bar (the
// browser's upload progress events), then the import report: counts, the reason when the file was refused,
// ignored columns, the first error lines and the XLSX error report.
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Progress, Radio, Row, Select, Space, Spin, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { CloudUploadOutlined, HistoryOutlined, InboxOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { feedsApi, type ImportReport } from '../../api/feeds';
import { useRequest } from '../../api/useRequest';
import { useI18n } from '../../i18n';
import { Loading, PageError } from '../../components/PageState';
import { ImportReportView, reportFromUpload } from './feed-ui';
import { formatBytes } from './quality';

interface UploadValues {
  feed?: string;
  encoding: 'auto' | 'utf-8' | 'gb18030';
  sheet?: string;
  maxRejected?: number | null;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'processing'; total: number }
  | { kind: 'done'; report: ImportReport; total: number }
  | { kind: 'failed'; error: unknown; sent: boolean };

const ACCEPT = '.csv,.xlsx,.json,.txt,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function FeedImportPage() {
  const { t, pick, errorText } = useI18n();
  const catalogue = useRequest((signal) => feedsApi.catalogue(signal), []);
  const [form] = Form.useForm<UploadValues>();
  const navigate = useNavigate();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const reportCard = useRef<HTMLDivElement>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  const submit = async (values: UploadValues) => {
    const file = files[0]?.originFileObj;
    if (!file) {
      setFileError(true);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'uploading', loaded: 0, total: file.size });
    // On a tablet the report sits below the form: bring the progress bar into view.
    reportCard.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    try {
      const report = await feedsApi.upload(
        {
          feed: values.feed!,
          file,
          encoding: values.encoding === 'auto' ? undefined : values.encoding,
          sheet: values.sheet?.trim() || undefined,
          maxRejected: values.maxRejected ?? undefined,
        },
        {
          signal: controller.signal,
          onProgress: (loaded, total) => setPhase({ kind: 'uploading', loaded, total }),
          onSent: () => setPhase({ kind: 'processing', total: file.size }),
        },
      );
      setPhase({ kind: 'done', report, total: file.size });
    } catch (error) {
      if ((error as Error).name === 'AbortError') {
        setPhase({ kind: 'idle' });
        return;
      }
      setPhase((p) => ({ kind: 'failed', error, sent: p.kind === 'processing' }));
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const reset = () => {
    setFiles([]);
    setPhase({ kind: 'idle' });
  };

  if (catalogue.error) return <PageError error={catalogue.error} onRetry={catalogue.reload} />;
  if (!catalogue.data) return <Loading />;

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3}>{t('import.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('import.intro')} <Link to="/feeds/catalogue">{t('import.contractLink')}</Link>
          </Typography.Paragraph>
        </div>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('import.formTitle')}>
            <Form<UploadValues> form={form} layout="vertical" initialValues={{ encoding: 'auto' }} onFinish={submit} disabled={busy}>
              <Form.Item name="feed" label={t('import.feed')} rules={[{ required: true, message: t('import.feedRequired') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'search' }}
                  placeholder={t('import.feedPlaceholder')}
                  options={catalogue.data.map((f) => ({
                    value: f.code,
                    search: `${f.name} ${f.nameEn} ${f.department} ${f.code}`,
                    label: (
                      <span>
                        {pick(f.name, f.nameEn)} <span className="sn-muted">· {f.department}</span>
                      </span>
                    ),
                  }))}
                  data-testid="feed-select"
                />
              </Form.Item>
              <Form.Item label={t('import.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ? t('import.fileRequired') : undefined}>
                <Upload.Dragger
                  accept={ACCEPT}
                  maxCount={1}
                  fileList={files}
                  beforeUpload={() => false}
                  onChange={({ fileList }) => {
                    setFiles(fileList.slice(-1));
                    setFileError(false);
                    if (phase.kind === 'done' || phase.kind === 'failed') setPhase({ kind: 'idle' });
                  }}
                  data-testid="file-drop"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('import.dropHint')}</p>
                  <p className="ant-upload-hint">{t('import.dropFormats')}</p>
                </Upload.Dragger>
              </Form.Item>
              <Form.Item name="encoding" label={t('import.encoding')} extra={t('import.encodingHint')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'auto', label: t('import.encodingAuto') },
                    { value: 'utf-8', label: 'UTF-8' },
                    { value: 'gb18030', label: t('import.encodingGb') },
                  ]}
                />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="sheet" label={t('import.sheet')}>
                    <Input placeholder={t('import.sheetPlaceholder')} maxLength={100} allowClear />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="maxRejected" label={t('import.maxRejected')} extra={t('import.maxRejectedHint')}>
                    <InputNumber min={0} max={100} step={1} placeholder="20" suffix="%" className="sn-full-width" />
                  </Form.Item>
                </Col>
              </Row>
              <Space wrap>
                <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined />} loading={busy} data-testid="start-import">
                  {t('import.submit')}
                </Button>
                {phase.kind === 'uploading' && (
                  <Button icon={<StopOutlined />} onClick={() => abort.current?.abort()} disabled={false}>
                    {t('import.cancel')}
                  </Button>
                )}
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('report.title')} className="sn-card-fill" data-testid="report-card" ref={reportCard}>
            {phase.kind === 'idle' ? (
              <div className="sn-muted sn-report-idle">{t('import.idle')}</div>
            ) : (
              <>
                <div className="sn-gap" data-testid="upload-progress">
                  <Progress
                    percent={phase.kind === 'uploading' ? Math.floor((phase.loaded / Math.max(phase.total, 1)) * 100) : phase.kind === 'failed' && !phase.sent ? 0 : 100}
                    status={phase.kind === 'failed' ? 'exception' : phase.kind === 'done' ? 'success' : 'active'}
                  />
                  <div className="sn-muted sn-small" data-testid="upload-phase">
                    {phase.kind === 'uploading' && t('import.uploading', { loaded: formatBytes(phase.loaded), total: formatBytes(phase.total) })}
                    {phase.kind === 'processing' && (
                      <Space>
                        <Spin size="small" />
                        {t('import.processing', { size: formatBytes(phase.total) })}
                      </Space>
                    )}
                    {phase.kind === 'done' && t('import.uploaded', { size: formatBytes(phase.total) })}
                  </div>
                </div>
                {phase.kind === 'failed' && (
                  <Alert type="error" showIcon title={t('import.failed')} description={errorText(phase.error)} data-testid="upload-error" />
                )}
                {phase.kind === 'done' && (
                  <>
                    <ImportReportView report={reportFromUpload(phase.report)} />
                    <Space wrap className="sn-gap-top">
                      <Button icon={<ReloadOutlined />} onClick={reset}>
                        {t('import.again')}
                      </Button>
                      {phase.report.importId !== null && (
                        <Button icon={<HistoryOutlined />} onClick={() => navigate(`/feeds/imports?run=${phase.report.importId}`)}>
                          {t('import.viewRun')}
                        </Button>
                      )}
                    </Space>
                  </>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
