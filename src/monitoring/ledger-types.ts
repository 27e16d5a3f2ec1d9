// What a preview ledger offers the previews, the keeper and the CLI, whatever it holds: figures kept as of
// a day so that a city's or the province's preview of one rule counts in a fraction of a second, and the
// subjects changed since its build, which the preview computes live (ledger-builds.ts tells how).
import type { Database } from '../platform/db';
import type { LedgerBuildRow } from './ledger-builds';
import type { RuleDefinition, RuleParams, RuleSql } from './rule-types';

/** The ledgers there are (named so in preview results, the CLI and logs). */
export type LedgerName = 'householdExpense' | 'medicalSelfPaid' | 'medicalMonths' | 'contributionMonths';

/** Why a preview did not use a ledger (shown with the preview, so that a slow one explains itself). */
export type LedgerMiss = 'none' | 'otherDay' | 'otherParams' | 'tooManyChanges';

/** A ledger that serves a preview: its build, the subjects to compute live, and the rule read off it. */
export interface LedgerServing {
  build: LedgerBuildRow;
  /** Changed since the build: households (a household rule's ledger) or people by ID number. */
  changed: { households: number[] } | { idNumbers: string[] };
  /** The rule's firing SELECT read off the ledger, leaving out the changed subjects. */
  firingRule: RuleDefinition;
  /**
   * Several versions read off the ledger at once, where the ledger can share more than the routing (a
   * preview's proposal and the version in force): the firing SELECT's columns, each subject once, with a
   * flag v<i> (1 or 0) among its figures for each version i (`qs[i]` binds version i's parameters `ps[i]`).
   * Without it, the versions' firing SELECTs are united (preview.ts).
   */
  firingTogether?: (qs: RuleSql[], ps: RuleParams[]) => string;
}

export interface PreviewLedger {
  name: LedgerName;
  ruleCode: string;
  /** In logs and on the CLI. */
  label: string;
  /** What its rows are. */
  unit: 'households' | 'people';
  /** Whether it can serve a preview with these parameters today, and how. */
  serving(db: Database, params: RuleParams, today: string): Promise<LedgerServing | { miss: LedgerMiss }>;
  /** Builds it as of today with the province's parameters in force. */
  build(db: Database, today: string): Promise<LedgerBuildRow>;
  latest(db: Database): Promise<LedgerBuildRow | null>;
}
