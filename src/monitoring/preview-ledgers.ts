// The preview ledgers there are, and keeping them current: the rule editor's previews of a city or the
// province count from a rule's ledger when it serves (preview.ts); `bin/safetynet serve` checks them
// every few minutes (ledger-keeper.ts) and `bin/safetynet ledger` by hand.
import type { Database } from '../platform/db';
import { contributionMonthsLedger } from './contribution-ledger';
import { householdExpenseLedger } from './expense-ledger';
import { provinceParams, type LedgerBuildRow } from './ledger-builds';
import type { LedgerMiss, PreviewLedger } from './ledger-types';
import { medicalSelfPaidLedger } from './medical-ledger';
import { medicalMonthsLedger } from './medical-month-ledger';

export const PREVIEW_LEDGERS: readonly PreviewLedger[] = [householdExpenseLedger, medicalSelfPaidLedger, medicalMonthsLedger, contributionMonthsLedger];

/** The ledger of a rule, if it has one. */
export const ledgerOf = (ruleCode: string): PreviewLedger | undefined => PREVIEW_LEDGERS.find((l) => l.ruleCode === ruleCode);

/** Why a ledger cannot serve today's previews with the province's parameters; null when it can. */
export async function ledgerOutOfDate(db: Database, ledger: PreviewLedger, today: string): Promise<LedgerMiss | null> {
  const serving = await ledger.serving(db, await provinceParams(db, ledger.ruleCode, today), today);
  return 'build' in serving ? null : serving.miss;
}

/** Builds a ledger again if it cannot serve today (a new day, a new province version, many changes). */
export async function keepLedgerCurrent(db: Database, ledger: PreviewLedger, today: string): Promise<{ build: LedgerBuildRow; why: LedgerMiss } | null> {
  const why = await ledgerOutOfDate(db, ledger, today);
  return why === null ? null : { build: await ledger.build(db, today), why };
}
