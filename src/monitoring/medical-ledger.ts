// The personal medical ledger (个人医疗自付台账): every person's self-paid medical costs over
// MEDICAL_SELF_PAID_12M's window as of a day, kept so that a city's or the province's preview of that rule
// reads the few per cent of people at or above its threshold instead of summing 12.6 M settlements. It
// holds people inside and outside the registry alike (the rule discovers both); a warning of the rule
// closed makes its people count live (migration 0011's trigger). How it is kept exact: person-ledgers.ts.
import { personLedger } from './person-ledgers';
import { medicalLedgerSql } from './rule-catalogue';

export const medicalSelfPaidLedger = personLedger({
  name: 'medicalSelfPaid',
  label: 'personal medical ledger',
  ruleCode: 'MEDICAL_SELF_PAID_12M',
  tables: { builds: 'medical_ledger_builds', rows: 'medical_ledger', changes: 'medical_ledger_changes' },
  // The threshold is applied when counting.
  dependsOn: { window_months: 'windowMonths' },
  columns: ['id_number', 'self_paid'],
  rows: medicalLedgerSql,
  firing: (q, _p, l) => `
    select l.id_number, null::text as name,
      jsonb_build_object('selfPaidFen', l.self_paid, 'thresholdFen', ${q.p('thresholdFen')}, 'windowMonths', ${q.p('windowMonths')}) as figures,
      ''::text as summary, ''::text as summary_en, '{}'::text[] as ev_feeds, '{}'::bigint[] as ev_ids
    from medical_ledger l
    where l.build_id = ${l.buildId} and l.self_paid >= ${q.p('thresholdFen')} and ${q.inSlice('l')} and ${l.notChanged}`,
});
