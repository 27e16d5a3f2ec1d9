// 政策测算: "if the (rural) 低保 standard of a region becomes X from date D" — every household of that area
// in the region with assessed facts is assessed under the version in force and under the new standard,
// without changing anything: households newly eligible and no longer eligible, the change in the monthly
// cost, per county, with examples, what data was used, and how long it took.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Table, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { benefitsApi, type Simulation } from '../../api/benefits';
import { useRequest } from '../../api/useRequest';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n';
import { DATE_INPUT_FORMATS, formatDate, todayInChina } from '../../format/date';
import { RegionPicker } from '../../components/RegionPicker';
import { Figure, Money, useAreaLabel } from './explanation-ui';
import { yuanToFen } from '../../format/money-input';
import { addMonths, monthOf } from './months';
import { regionLevel } from './policy-form';
import { setFieldErrors } from '../../components/form-errors';

interface FormValues {
  regionCode: string;
  areaType: 'urban' | 'rural';
  standard: string;
  effectiveFrom: Dayjs;
}

export default function SimulationPage() {
  const { t, locale, errorText, pick } = useI18n();
  const me = useMe();
  const area = useAreaLabel();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Simulation | null>(null);
  const region = Form.useWatch('regionCode', form);
  const areaType = Form.useWatch('areaType', form) ?? 'rural';
  const effective = Form.useWatch('effectiveFrom', form);
  const county = region && regionLevel(region) === 3 ? region : null;
  const date = effective ? effective.format('YYYY-MM-DD') : undefined;
  // The standard in force now for a county: what the new figure is compared with.
  const inForce = useRequest(
    (signal) => (county ? benefitsApi.policyInForce({ countyCode: county, areaType, date }, signal).catch(() => null) : Promise.resolve(null)),
    [county, areaType, date],
  );

  const run = async (v: FormValues) => {
    const standardFen = yuanToFen(v.standard);
    if (standardFen === null || standardFen === 0) {
      setFieldErrors(form, [{ name: 'standard', errors: [t('benefits.policy.yuanInvalid')] }]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await benefitsApi.simulate({ regionCode: v.regionCode, areaType: v.areaType, standardFen, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), sample: 20 }));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        setFieldErrors(form, e.fields.map((f) => ({ name: f.field === 'standardFen' ? 'standard' : f.field, errors: [pick(f.message, f.messageEn)] })));
      }
      setError(e);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<FormValues> = {
    regionCode: me.regionLevel <= 3 ? me.regionCode : undefined,
    areaType: 'rural',
    effectiveFrom: dayjs(`${addMonths(monthOf(todayInChina()), 1)}-01`),
  };

  return (
    <div className="sn-page">
      <Typography.Title level={3}>{t('benefits.sim.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('benefits.sim.intro')}</Typography.Paragraph>
      <Card size="small" className="sn-gap">
        <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={run} disabled={busy} data-testid="simulation-form">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="regionCode" label={t('benefits.sim.region')} rules={[{ required: true, message: t('benefits.sim.regionRequired') }]} extra={t('benefits.sim.regionHint')}>
                <RegionPicker />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name="areaType" label={t('benefits.policy.area')}>
                <Radio.Group options={(['rural', 'urban'] as const).map((a) => ({ value: a, label: area(a) }))} optionType="button" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item
                name="standard"
                label={t('benefits.sim.standard')}
                rules={[{ required: true, message: t('benefits.policy.yuanInvalid') }]}
                extra={inForce.data ? t('benefits.sim.current', { amount: (inForce.data.policy.params.dibaoStandard[areaType] / 100).toFixed(2), version: inForce.data.policy.version }) : undefined}
              >
                <Input suffix={t('benefits.sim.perPersonMonth')} inputMode="decimal" data-testid="sim-standard" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="effectiveFrom" label={t('benefits.policy.effectiveFrom')} rules={[{ required: true, message: t('benefits.policy.dateRequired') }]}>
                <DatePicker format={DATE_INPUT_FORMATS[locale]} allowClear={false} style={{ width: '100%' }} data-testid="sim-date" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={busy} data-testid="run-simulation">{t('benefits.sim.run')}</Button>
          {busy && <span className="sn-muted sn-gap-left">{t('benefits.sim.running')}</span>}
        </Form>
      </Card>
      {error !== null && <Alert type="error" showIcon className="sn-gap" title={errorText(error)} />}
      {result && <SimulationResult result={result} />}
    </div>
  );
}

function SimulationResult({ result: r }: { result: Simulation }) {
  const { t, locale } = useI18n();
  const area = useAreaLabel();
  const sampleColumns = [
    { key: 'head', title: t('benefits.sim.head'), render: (_: unknown, s: Simulation['samples']['newlyEligible'][number]) => <Link to={`/benefits/households/${s.householdId}`}>{s.headName ?? s.householdId}</Link> },
    { key: 'members', title: t('benefits.assess.countedMembers'), dataIndex: 'members', width: 110, align: 'right' as const },
    { key: 'before', title: t('benefits.sim.beforeAmount'), dataIndex: 'beforeFen', width: 130, align: 'right' as const, render: (f: number) => <Money fen={f} /> },
    { key: 'after', title: t('benefits.sim.afterAmount'), dataIndex: 'afterFen', width: 130, align: 'right' as const, render: (f: number) => <Money fen={f} /> },
  ];
  return (
    <div data-testid="simulation-result">
      <Alert
        type="info"
        showIcon
        className="sn-gap"
        title={t('benefits.sim.resultTitle', {
          region: r.input.regionName, area: area(r.input.areaType), amount: (r.input.standardFen / 100).toFixed(2), date: formatDate(r.input.effectiveFrom, locale),
        })}
        description={<span data-testid="sim-seconds">{t('benefits.sim.took', { seconds: r.seconds.toFixed(2), households: r.households, recomputed: r.basisRecomputed })}</span>}
      />
      {r.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="sn-gap"
          title={t('benefits.sim.warnings')}
          description={<ul className="sn-no-margin">{r.warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul>}
          data-testid="sim-warnings"
        />
      )}
      <div className="sn-figures sn-gap">
        <Figure label={t('benefits.sim.newlyEligible')} value={r.newlyEligible.households} sub={<Money fen={r.newlyEligible.amountFen} />} testId="sim-newly" />
        <Figure label={t('benefits.sim.noLongerEligible')} value={r.noLongerEligible.households} sub={<Money fen={r.noLongerEligible.amountFen} />} testId="sim-no-longer" />
        <Figure label={t('benefits.sim.costChange')} value={<Money fen={r.monthlyCostChangeFen} signed testId="sim-cost-change" />} sub={t('benefits.sim.perMonth')} />
        <Figure label={t('benefits.sim.before')} value={r.before.households} sub={<Money fen={r.before.amountFen} />} testId="sim-before" />
        <Figure label={t('benefits.sim.after')} value={r.after.households} sub={<Money fen={r.after.amountFen} />} testId="sim-after" />
        <Figure label={t('benefits.sim.skipped')} value={r.skippedNoFacts + r.skippedNoPolicy} sub={t('benefits.sim.skippedDetail', { facts: r.skippedNoFacts, policy: r.skippedNoPolicy })} />
      </div>
      <Card size="small" title={t('benefits.sim.byCounty')} className="sn-gap">
        <Table
          rowKey="countyCode"
          size="small"
          pagination={false}
          scroll={{ x: 820 }}
          dataSource={r.byCounty}
          columns={[
            { key: 'county', title: t('benefits.rolls.county'), dataIndex: 'countyName' },
            { key: 'households', title: t('benefits.sim.households'), dataIndex: 'households', width: 100, align: 'right' },
            { key: 'before', title: t('benefits.sim.before'), dataIndex: 'beforeEligible', width: 100, align: 'right' },
            { key: 'after', title: t('benefits.sim.after'), dataIndex: 'afterEligible', width: 100, align: 'right' },
            { key: 'newly', title: t('benefits.sim.newlyEligible'), dataIndex: 'newlyEligible', width: 100, align: 'right' },
            { key: 'no', title: t('benefits.sim.noLongerEligible'), dataIndex: 'noLongerEligible', width: 110, align: 'right' },
            { key: 'cost', title: t('benefits.sim.costChange'), dataIndex: 'monthlyCostChangeFen', width: 140, align: 'right', render: (f: number) => <Money fen={f} signed /> },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('benefits.sim.newlySamples', { n: r.samples.newlyEligible.length })} className="sn-gap">
            <Table rowKey="householdId" size="small" pagination={false} dataSource={r.samples.newlyEligible} columns={sampleColumns} data-testid="sim-newly-samples" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('benefits.sim.noLongerSamples', { n: r.samples.noLongerEligible.length })} className="sn-gap">
            <Table rowKey="householdId" size="small" pagination={false} dataSource={r.samples.noLongerEligible} columns={sampleColumns} />
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" className="sn-small">
        {t('benefits.sim.basePolicies')}
        {r.basePolicies.map((p) => t('benefits.sim.basePolicy', { region: p.regionCode, version: p.version, amount: (p.standardFen / 100).toFixed(2) })).join('；')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" className="sn-small">{r.dataUsed}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" className="sn-small">
        {t('benefits.sim.currentAwards', { n: r.currentOpenDibaoAwards.households })}<Money fen={r.currentOpenDibaoAwards.amountFen} />
      </Typography.Paragraph>
    </div>
  );
}
