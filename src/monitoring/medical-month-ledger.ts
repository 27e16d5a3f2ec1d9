// The monthly medical ledger (个人月度医疗自付台账): every person's self-paid medical costs per calendar month
// over the last 24 as of a day, as MEDICAL_SPIKE sums them, the months of 1,000 yuan or more. A city's or
// the province's preview of that rule takes its candidate months from here (the months of its look-back
// at its minimum) instead of grouping the province's settlements of those months by person and month; the
// baselines of the few candidates are still looked up in the settlements' index. A minimum under the
// ledger's floor is counted live. How it is kept exact: person-ledgers.ts.
import { personLedger } from './person-ledgers';
import { medicalMonthsSql, medicalSpikeSql } from './rule-catalogue';

/** The smallest monthly amount the ledger keeps (fen): a preview with a lower minimum is computed live. */
export const MEDICAL_MONTH_LEDGER_FLOOR = 100_000;
/** Months kept, this one included: the longest look-back the rule's parameters allow. */
export const MEDICAL_MONTH_LEDGER_MONTHS = 24;

export const medicalMonthsLedger = personLedger({
  name: 'medicalMonths',
  label: 'monthly medical ledger',
  ruleCode: 'MEDICAL_SPIKE',
  tables: { builds: 'medical_month_ledger_builds', rows: 'medical_month_ledger', changes: 'medical_month_ledger_changes' },
  serves: (p) => Number(p.minAmountFen) >= MEDICAL_MONTH_LEDGER_FLOOR && Number(p.lookbackMonths) <= MEDICAL_MONTH_LEDGER_MONTHS,
  columns: ['id_number', 'mon', 'amount'],
  rows: (q) => medicalMonthsSql(q, `(${q.monthOffset(MEDICAL_MONTH_LEDGER_MONTHS - 1)} || '-01')::date`, q.value(MEDICAL_MONTH_LEDGER_FLOOR) + '::bigint'),
  firing: (q, p, l) => medicalSpikeSql(q, p, `
      select l.id_number, l.mon, l.amount from medical_month_ledger l
      where l.build_id = ${l.buildId} and l.amount >= ${q.p('minAmountFen')}
        and l.mon >= (${q.monthOffset(Number(p.lookbackMonths) - 1)} || '-01')::date and ${q.inSlice('l')} and ${l.notChanged}`),
});
