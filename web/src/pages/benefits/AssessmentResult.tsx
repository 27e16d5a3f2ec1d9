// The answer of an assessment, every programme explained: 低保 (who counts in the assessment household and
// who does not and why, the counted income, standard × members − income), 特困 per member (the three
// conditions, self-care level, basic support + care subsidy), 单人保, 低保边缘 and 刚性支出, 临时救助 bands,
// the next re-check; the policy version used. A county reviewer can decide an eligible programme from here.
import { Alert, Button, Collapse, Descriptions, Space, Table, Tabs, Tag } from 'antd';
import type { Assessment, Programme } from '../../api/benefits';
import { useI18n } from '../../i18n';
import { formatDate } from '../../format/date';
import { EmptyState } from '../../components/PageState';
import { Figure, FlagList, Money, PolicyVersionText, ProgrammeTag, StepList } from './explanation-ui';
import { formatMonth } from './months';

export interface DecideTarget {
  programme: Programme;
  personId: number | null;
  name: string | null;
  amountFen: number;
}

export function AssessmentResult({ result, onDecide }: { result: Assessment; onDecide?: (target: DecideTarget) => void }) {
  const { t, locale } = useI18n();
  const d = result.dibao;
  const stored = result.factsUsed.source !== 'request' || result.savedFacts !== null;
  const yesNo = (v: boolean) => (v ? <Tag color="green">{t('benefits.yes')}</Tag> : <Tag>{t('benefits.no')}</Tag>);

  const decideButton = (target: DecideTarget) =>
    onDecide && (
      <Button size="small" type="primary" disabled={!stored} onClick={() => onDecide(target)} data-testid={`decide-${target.programme}-${target.personId ?? 'household'}`}>
        {t('benefits.assess.decide')}
      </Button>
    );

  return (
    <div data-testid="assessment-result">
      <Alert
        type="info"
        showIcon
        className="sn-gap"
        title={t('benefits.assess.resultTitle', { date: formatDate(result.date, locale) })}
        description={
          <span>
            {t('benefits.assess.policyUsed')}
            <PolicyVersionText policy={result.policyVersion} />
            {' · '}
            {result.savedFacts
              ? t('benefits.assess.factsSaved', { version: result.savedFacts.version })
              : result.factsUsed.source === 'request' ? t('benefits.assess.factsNotSaved') : t('benefits.assess.factsStored', { date: formatDate(result.factsUsed.asOf, locale) })}
          </span>
        }
      />
      <div className="sn-figures sn-gap">
        <Figure label={t('benefits.assess.monthlyTotal')} value={<Money fen={result.summary.monthlyTotalFen} testId="assessment-total" />} />
        <Figure label={t('benefits.programme.dibao')} value={d.eligible ? <Money fen={d.amountFen} testId="dibao-amount" /> : t('benefits.assess.notEligible')}
          sub={d.eligible && d.paymentFromMonth ? t('benefits.assess.paidFrom', { month: formatMonth(d.paymentFromMonth, locale) }) : undefined} />
        <Figure label={t('benefits.assess.nearPoor')} value={yesNo(result.summary.nearPoor)} />
        <Figure label={t('benefits.assess.rigid')} value={result.summary.rigidExpenditureDetermined ? yesNo(result.summary.rigidExpenditure) : <Tag color="gold">{t('benefits.assess.undetermined')}</Tag>} />
      </div>
      {result.summary.programmes.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="sn-gap"
          title={t('benefits.assess.eligibleProgrammes')}
          items={result.summary.programmes.map((p, i) => ({
            key: String(i),
            label: <span><ProgrammeTag programme={p.programme} label={{ zh: p.label, en: p.label }} />{p.name}</span>,
            children: (
              <Space wrap>
                <Money fen={p.amountFen} />
                {decideButton({ programme: p.programme, personId: p.personId, name: p.name, amountFen: p.amountFen })}
              </Space>
            ),
          }))}
        />
      )}
      {onDecide && !stored && result.summary.programmes.length > 0 && <Alert type="warning" showIcon className="sn-gap" title={t('benefits.assess.saveBeforeDecide')} />}
      <FlagList flags={result.flags} />
      {result.preSteps.length > 0 && <StepList steps={result.preSteps} testId="pre-steps" />}
      <Tabs
        items={[
          { key: 'dibao', label: t('benefits.programme.dibao'), children: <DibaoTab result={result} /> },
          { key: 'tekun', label: t('benefits.programme.tekun'), children: <PersonsTab persons={result.tekun} kind="tekun" /> },
          { key: 'single', label: t('benefits.programme.singlePersonDibao'), children: <PersonsTab persons={result.singlePerson} kind="single" /> },
          {
            key: 'other', label: t('benefits.assess.otherTab'),
            children: (
              <div>
                <h4>{t('benefits.assess.nearPoor')}</h4>
                <StepList steps={result.nearPoor.steps} testId="near-poor-steps" />
                <h4 className="sn-gap-top">{t('benefits.assess.rigid')}</h4>
                <StepList steps={result.rigidExpenditure.steps} testId="rigid-steps" />
              </div>
            ),
          },
          { key: 'temporary', label: t('benefits.assess.temporaryTab'), children: <TemporaryTab result={result} /> },
          { key: 'recheck', label: t('benefits.assess.recheckTab'), children: result.recheck ? <StepList steps={result.recheck.steps} testId="recheck-steps" /> : <EmptyState description={t('benefits.assess.noRecheck')} /> },
        ]}
      />
    </div>
  );
}

function DibaoTab({ result }: { result: Assessment }) {
  const { t } = useI18n();
  const d = result.dibao;
  return (
    <div data-testid="dibao-explanation">
      <div className="sn-figures sn-gap">
        <Figure label={t('benefits.assess.countedMembers')} value={d.countedMembers} testId="counted-count" />
        <Figure label={t('benefits.assess.countedIncome')} value={<Money fen={d.countedMonthlyIncomeFen} />} />
        <Figure label={t('benefits.assess.perCapita')} value={<Money fen={d.perCapitaIncomeFen} />} />
        <Figure label={t('benefits.assess.standard')} value={<Money fen={d.standardFen} />} />
        <Figure label={t('benefits.assess.amount')} value={d.eligible ? <Money fen={d.amountFen} /> : t('benefits.assess.notEligible')} />
      </div>
      {d.reasons.length > 0 && <Alert type="error" showIcon className="sn-gap" title={d.reasons.join('；')} />}
      <Table
        size="small"
        rowKey="personId"
        className="sn-gap"
        pagination={false}
        title={() => t('benefits.assess.countedTitle')}
        dataSource={d.counted}
        columns={[
          { key: 'name', title: t('benefits.assess.name'), dataIndex: 'name', width: 120 },
          { key: 'age', title: t('benefits.assess.age'), dataIndex: 'age', width: 70 },
          { key: 'basis', title: t('benefits.assess.basis'), dataIndex: 'basis' },
        ]}
        data-testid="counted-members"
      />
      {d.excluded.length > 0 && (
        <Table
          size="small"
          rowKey="personId"
          className="sn-gap"
          pagination={false}
          title={() => t('benefits.assess.excludedTitle')}
          dataSource={d.excluded}
          columns={[
            { key: 'name', title: t('benefits.assess.name'), dataIndex: 'name', width: 120 },
            { key: 'age', title: t('benefits.assess.age'), dataIndex: 'age', width: 70 },
            { key: 'reason', title: t('benefits.assess.reason'), dataIndex: 'reason' },
          ]}
          data-testid="excluded-members"
        />
      )}
      <FlagList flags={d.flags} />
      <StepList steps={d.steps} testId="dibao-steps" />
    </div>
  );
}

type PersonResult = { personId: number; name?: string | null; eligible: boolean; amountFen: number; reasons: string[]; steps: Assessment['dibao']['steps']; flags: string[] };

function PersonsTab({ persons, kind }: { persons: PersonResult[]; kind: 'tekun' | 'single' }) {
  const { t } = useI18n();
  if (persons.length === 0) return <EmptyState description={kind === 'tekun' ? t('benefits.assess.noMembers') : t('benefits.assess.noSingle')} />;
  return (
    <Collapse
      defaultActiveKey={persons.filter((p) => p.eligible).map((p) => String(p.personId))}
      items={persons.map((p) => ({
        key: String(p.personId),
        label: (
          <Space wrap>
            <strong>{p.name ?? p.personId}</strong>
            {p.eligible ? <Tag color="green">{t('benefits.assess.eligible')}</Tag> : <Tag>{t('benefits.assess.notEligible')}</Tag>}
            {p.eligible && <Money fen={p.amountFen} />}
          </Space>
        ),
        children: (
          <div data-testid={`${kind}-explanation-${p.personId}`}>
            <FlagList flags={p.flags} />
            <StepList steps={p.steps} testId={`${kind}-steps`} />
          </div>
        ),
      }))}
    />
  );
}

function TemporaryTab({ result }: { result: Assessment }) {
  const { t, pick } = useI18n();
  return (
    <Table
      size="small"
      rowKey="band"
      pagination={false}
      dataSource={result.temporaryAssistance}
      columns={[
        { key: 'band', title: t('benefits.assess.band'), render: (_, b) => pick(b.label.zh, b.label.en) },
        { key: 'amount', title: t('benefits.assess.amount'), align: 'right', render: (_, b) => (b.caseByCase ? t('benefits.assess.caseByCase') : <Money fen={b.amountFen} />) },
        { key: 'who', title: t('benefits.assess.decidedBy'), render: (_, b) => (b.needsCountyDecision ? t('benefits.assess.county') : t('benefits.assess.township')) },
        { key: 'steps', title: t('benefits.assess.howComputed'), render: (_, b) => b.steps.map((s) => s.detail).join('；') },
      ]}
    />
  );
}
