// 待遇测算 of one household: what it is paid this month, every award with the explanation of its decision
// (steps and figures, policy version, who decided), pending changes from the monthly recalculation, the
// next re-check, and an assessment on a date with its full explanation. Outside the caller's region the
// household "does not exist", as on the registry's page. The acts of dynamic management sit where they
// apply: 记录复核 on the re-check schedule (benefits.assess), 确认好转（渐退） on the awards while an open 低保 /
// 单人保 award exists and 终止 on each award still paid (benefits.decide); a 409 says who came first and reloads.
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CarryOutOutlined, HomeOutlined, ReloadOutlined, RiseOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { benefitsApi, type AwardView, type RecoveryPlan } from '../../api/benefits';
import { registryApi } from '../../api/registry';
import { useRequest } from '../../api/useRequest';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { formatDate } from '../../format/date';
import { Loading, RecordError } from '../../components/PageState';
import { CategoryTag } from '../../components/CategoryTags';
import { AwardList } from './AwardList';
import { AssessmentPanel } from './AssessmentPanel';
import { Figure, Money, StepList, useAreaLabel } from './explanation-ui';
import { formatMonth } from './months';
import { recoverableAwards } from './award-actions';
import { RecheckDialog } from './RecheckDialog';
import { RecoveryDialog, RecoveryPlanCard } from './RecoveryDialog';
import { EndAwardDialog } from './EndAwardDialog';

export default function HouseholdBenefitsPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const { t, locale, errorText } = useI18n();
  const navigate = useNavigate();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const [recheckOpen, setRecheckOpen] = useState(false);
  const [recoveryOpen, setRecoveryOpen] = useState(false);
  const [ending, setEnding] = useState<AwardView | null>(null);
  const [plan, setPlan] = useState<RecoveryPlan | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  // The notice appears above the awards, where the act began lower down: bring it into view (centred: at the
  // nearest edge, the top, the sticky header would cover it).
  useEffect(() => {
    if (conflict !== null) conflictRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [conflict]);
  const area = useAreaLabel();
  const notFound = () => Promise.reject(new ApiError(404, 'NOT_FOUND', '', ''));
  const benefits = useRequest((signal) => (valid ? benefitsApi.householdBenefits(id, signal) : notFound()), [id]);
  const household = useRequest((signal) => (valid && can('registry.read') ? registryApi.household(id, signal) : Promise.resolve(null)), [id]);

  if ((benefits.loading && !benefits.data) || (household.loading && household.data === undefined)) return <Loading />;
  if (benefits.error) {
    return (
      <RecordError error={benefits.error} onRetry={benefits.reload} notFound={t('household.notFound')} notFoundDetail={t('household.notFoundDetail')}
        backTo="/registry/persons" backLabel={t('household.backToSearch')} />
    );
  }
  const b = benefits.data!;
  const h = household.data ?? null;
  const head = h ? h.members.find((m) => m.id === h.headPersonId) ?? h.members[0] : undefined;
  const reload = () => {
    benefits.reload();
    household.reload();
  };
  const householdName = head ? t('benefits.recheck.household', { head: head.name }) : t('benefits.household.titleNoHead', { id });
  const recoverable = recoverableAwards(b.awards);
  const mayDecide = can('benefits.decide');
  /** Someone ended or adjusted the award first: say so, and show the awards as they are now. */
  const conflicted = (e: ApiError) => {
    setRecoveryOpen(false);
    setEnding(null);
    setConflict(e.code === 'VERSION_CONFLICT' ? t('benefits.conflict.changed') : t('benefits.conflict.detail', { reason: errorText(e) }));
    benefits.reload();
  };

  return (
    <div className="sn-page">
      <div className="sn-page-head">
        <div className="sn-page-head-main">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="benefits-title">
            {head ? t('benefits.household.title', { head: head.name }) : t('benefits.household.titleNoHead', { id })}
          </Typography.Title>
          <Space size={[4, 4]} wrap className="sn-gap-top-sm">
            <Tag>{t('household.number', { id })}</Tag>
            {h && <Tag>{area(h.areaType)}</Tag>}
            {b.categories.filter((c) => !c.toDate).map((c, i) => <CategoryTag key={i} category={c.category} />)}
          </Space>
        </div>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('action.back')}</Button>
          {can('registry.read') && <Button icon={<HomeOutlined />} onClick={() => navigate(`/registry/households/${id}`)}>{t('benefits.household.registry')}</Button>}
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('action.refresh')} />
        </Space>
      </div>

      <div className="sn-figures sn-gap-top">
        <Figure label={t('benefits.household.thisMonth', { month: formatMonth(b.month, locale) })} value={<Money fen={b.monthlyTotalFen} testId="monthly-total" />} />
        <Figure label={t('benefits.household.awards')} value={b.awards.length} sub={t('benefits.household.openAwards', { n: b.awards.filter((a) => a.status !== 'ended').length })} />
        <Figure
          label={t('benefits.household.nextRecheck')}
          value={b.recheck ? formatDate(b.recheck.nextDueOn, locale) : '—'}
          sub={b.recheck ? t('benefits.household.lastChecked', { date: formatDate(b.recheck.lastCheckedOn, locale) }) : t('benefits.household.noRecheck')}
        />
      </div>

      {b.pendingChanges.length > 0 && (
        <Alert
          className="sn-gap-top"
          type="warning"
          showIcon
          title={t('benefits.household.pendingChanges', { n: b.pendingChanges.length })}
          description={
            <ul className="sn-no-margin">
              {b.pendingChanges.map((c: { id: number; previousAmountFen: number; newAmountFen: number; effectiveMonth: string }) => (
                <li key={c.id}>
                  <Money fen={c.previousAmountFen} /> → <Money fen={c.newAmountFen} /> · {t('benefits.changes.effective', { month: formatMonth(c.effectiveMonth, locale) })}
                </li>
              ))}
            </ul>
          }
          action={can('benefits.read') ? <Button size="small" onClick={() => navigate('/benefits/changes')}>{t('benefits.household.toChanges')}</Button> : undefined}
        />
      )}

      {conflict !== null && (
        <div ref={conflictRef}>
          <Alert type="warning" showIcon closable onClose={() => setConflict(null)} className="sn-gap-top" role="alert"
            title={t('benefits.conflict.title')} description={conflict} data-testid="award-conflict" />
        </div>
      )}
      {plan && <RecoveryPlanCard plan={plan} onClose={() => setPlan(null)} />}

      <Card
        title={t('benefits.household.awardsTitle')}
        size="small"
        className="sn-gap-top"
        extra={mayDecide && recoverable.length > 0 ? (
          <Button icon={<RiseOutlined />} onClick={() => { setConflict(null); setRecoveryOpen(true); }} data-testid="confirm-recovery">{t('benefits.recovery.action')}</Button>
        ) : undefined}
      >
        <AwardList awards={b.awards} onEnd={mayDecide ? (a) => { setConflict(null); setEnding(a); } : undefined} />
      </Card>

      {b.recheck && (
        <Card
          title={t('benefits.household.recheckTitle')}
          size="small"
          className="sn-gap-top"
          extra={can('benefits.assess') ? (
            <Button icon={<CarryOutOutlined />} onClick={() => setRecheckOpen(true)} data-testid="record-recheck">{t('benefits.recheck.record')}</Button>
          ) : undefined}
          data-testid="recheck-card"
        >
          <Descriptions
            size="small"
            className="sn-gap"
            items={[
              { key: 'next', label: t('benefits.rechecks.nextDue'), children: formatDate(b.recheck.nextDueOn, locale) },
              { key: 'last', label: t('benefits.rechecks.lastChecked'), children: formatDate(b.recheck.lastCheckedOn, locale) },
              { key: 'interval', label: t('benefits.rechecks.interval'), children: t('benefits.rechecks.months', { n: b.recheck.intervalMonths }) },
              ...(b.recheck.dueToDeath ? [{ key: 'death', label: t('benefits.rechecks.reason'), children: <Tag color="red">{t('benefits.rechecks.dueToDeath')}</Tag> }] : []),
            ]}
          />
          {b.recheck.explanation?.steps && <StepList steps={b.recheck.explanation.steps} testId="recheck-schedule-steps" />}
        </Card>
      )}

      <Card title={t('benefits.household.assessTitle')} size="small" className="sn-gap-top">
        <AssessmentPanel householdId={id} members={h?.members ?? null} facts={b.facts} onDecided={reload} />
      </Card>

      {recheckOpen && b.recheck && (
        <RecheckDialog
          target={{ householdId: id, name: householdName, lastCheckedOn: b.recheck.lastCheckedOn, nextDueOn: b.recheck.nextDueOn, incomeVaries: b.facts?.facts.incomeVaries ?? null }}
          onClose={() => setRecheckOpen(false)}
          onDone={(r) => {
            setRecheckOpen(false);
            message.success(r ? t('benefits.recheck.done', { date: formatDate(r.nextDueOn, locale) }) : t('benefits.recheck.doneUnmanaged'));
            benefits.reload();
          }}
        />
      )}
      {recoveryOpen && (
        <RecoveryDialog
          householdId={id}
          awards={recoverable}
          onClose={() => setRecoveryOpen(false)}
          onConflict={conflicted}
          onDone={(p) => {
            setRecoveryOpen(false);
            setPlan(p);
            message.success(t('benefits.recovery.done', { month: formatMonth(p.lastPaidMonth, locale) }));
            benefits.reload();
          }}
        />
      )}
      {ending && (
        <EndAwardDialog
          award={ending}
          onClose={() => setEnding(null)}
          onConflict={conflicted}
          onDone={(a) => {
            setEnding(null);
            message.success(t('benefits.end.done', { month: formatMonth(a.exitMonth, locale) }));
            benefits.reload();
          }}
        />
      )}
    </div>
  );
}
