// The shape of a warning rule: its identity and typed parameters (data an administrator edits), and the
// set-based SQL that finds who it fires for (code). See docs/rules.md.

export const LEVELS = ['red', 'yellow', 'blue'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  red: { zh: '红色（高）', en: 'Red (high)' },
  yellow: { zh: '黄色（中）', en: 'Yellow (medium)' },
  blue: { zh: '蓝色（低）', en: 'Blue (low)' },
};

/** Higher is more urgent; an open warning's level only goes up. */
export const LEVEL_RANK: Record<Level, number> = { blue: 1, yellow: 2, red: 3 };

export const APPLIES_TO = ['monitored', 'discovery', 'both'] as const;
export type AppliesTo = (typeof APPLIES_TO)[number];

export const APPLIES_TO_LABELS: Record<AppliesTo, { zh: string; en: string }> = {
  monitored: { zh: '仅已纳入监测的人员', en: 'Monitored people only' },
  discovery: { zh: '仅未纳入监测的人员（主动发现）', en: 'People not yet monitored only (discovery)' },
  both: { zh: '全部人员', en: 'Everyone' },
};

export const WARNING_STATUSES = ['new', 'dispatched', 'verifying', 'closed', 'escalated'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export const WARNING_STATUS_LABELS: Record<WarningStatus, { zh: string; en: string }> = {
  new: { zh: '新预警', en: 'New' },
  dispatched: { zh: '已派发', en: 'Dispatched' },
  verifying: { zh: '核实中', en: 'Verifying' },
  closed: { zh: '已办结', en: 'Closed' },
  escalated: { zh: '已上报', en: 'Escalated' },
};

/** Where a warning may go next; closed is final (new evidence then opens a new warning). Pure data, so the
 *  workbench offers exactly the moves the server accepts. */
export const STATUS_TRANSITIONS: Record<WarningStatus, readonly WarningStatus[]> = {
  new: ['dispatched', 'verifying', 'escalated', 'closed'],
  dispatched: ['verifying', 'escalated', 'closed'],
  verifying: ['dispatched', 'escalated', 'closed'],
  escalated: ['dispatched', 'verifying', 'closed'],
  closed: [],
};

export const SCENARIOS = [
  'illness', 'disability', 'death', 'unemployment', 'disaster', 'education', 'rigidExpenditure',
  'familyStructure', 'ruralMonitoring', 'recovery', 'contradiction',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SCENARIO_LABELS: Record<Scenario, { zh: string; en: string }> = {
  illness: { zh: '因病', en: 'Illness' },
  disability: { zh: '因残', en: 'Disability' },
  death: { zh: '主要劳动力死亡', en: 'Death of a labourer' },
  unemployment: { zh: '失业', en: 'Loss of work' },
  disaster: { zh: '因灾因意外', en: 'Accident or disaster' },
  education: { zh: '因学', en: 'Education burden' },
  rigidExpenditure: { zh: '刚性支出超收入', en: 'Rigid expenditure above income' },
  familyStructure: { zh: '家庭结构变化', en: 'Family structure' },
  ruralMonitoring: { zh: '防止返贫监测', en: 'Rural monitoring' },
  recovery: { zh: '收入财产回升', en: 'Signs of recovery' },
  contradiction: { zh: '数据矛盾', en: 'Data contradiction' },
};

interface ParamBase {
  key: string;
  label: string; // Chinese, as the rule editor shows it
  labelEn: string;
  help?: string;
}

/** Typed parameters: amounts in fen, whole numbers with a unit, ratios, and lists of codes or words. */
export type ParamSpec =
  | (ParamBase & { type: 'money'; min: number; max: number })
  | (ParamBase & { type: 'integer'; unit: string; unitEn: string; min: number; max: number })
  | (ParamBase & { type: 'decimal'; min: number; max: number; decimals: number })
  | (ParamBase & { type: 'integerList'; min: number; max: number; minItems: number })
  | (ParamBase & { type: 'codeList'; values: Record<string, { zh: string; en: string }>; minItems: number })
  | (ParamBase & { type: 'textList'; maxItems: number; maxLength: number; minItems: number })
  | (ParamBase & { type: 'boolean' });

export type ParamValue = number | boolean | string[] | number[];
export type RuleParams = Record<string, ParamValue>;

/** What the SQL of a rule is given to build its statement. */
export interface RuleSql {
  /** Placeholder ($n) for a parameter of the version (or a value computed from it, see `value`). */
  p(key: string): string;
  /** Placeholder for any value (dates computed from "today" and the windows). */
  value(v: unknown): string;
  /** Placeholder for today, as a date. */
  today: string;
  /** Day before the first day of an N-month window ending today: rows with date > this count. */
  monthsAgo(months: number | string): string;
  /** 'YYYY-MM' of the month N months before today's month. */
  monthOffset(months: number | string): string;
  /** Condition keeping rows of `alias` (with an id_number column) that belong to the people evaluated. */
  inSlice(alias: string): string;
  /** Subquery of the household ids evaluated (household rules). */
  sliceHouseholds: string;
  /** True when everyone is evaluated (a city's or the province's preview), or a slice so big
   *  (WHOLE_SCAN_SLICE_PEOPLE: a unit of a full comparison, a file of millions of rows) that a household
   *  rule had better aggregate a feed for everyone, in ID order, and keep its households afterwards
   *  (inSliceHouseholds) than meet the slice's members one by one. */
  scanWhole: boolean;
  /** Condition keeping household ids `expr` of the households evaluated ('true' when everyone is). */
  inSliceHouseholds(expr: string): string;
  /** Condition: the record `alias`.id of `feed` was not evidence of a closed warning of this rule. */
  fresh(alias: string, feed: string): string;
}

/**
 * A rule in code. `sql` returns a SELECT with one row per subject that fires:
 *   person rules:    id_number, name (from the feed when known, else null),
 *   household rules: household_id, id_number (the person who set it off, or null),
 * and for both: figures jsonb, summary text (zh), summary_en text, ev_feeds text[], ev_ids bigint[].
 */
export interface RuleDefinition {
  code: string;
  name: string;
  nameEn: string;
  scenario: Scenario;
  subject: 'person' | 'household';
  feeds: readonly string[];
  defaults: { level: Level; appliesTo: AppliesTo; params: RuleParams };
  params: readonly ParamSpec[];
  /** Checks across parameters (e.g. min ≤ max), as field errors on `params.<key>`. */
  check?(params: RuleParams): { key: string; zh: string; en: string }[];
  /** What the rule does with these parameters, in words. */
  explain(params: RuleParams): { zh: string; en: string };
  sql(q: RuleSql, params: RuleParams): string;
  /**
   * For a city's or the province's preview, where the rule aggregates every person's feed rows: 'idOrder'
   * has the planner stream them in ID order from the (id_number, time) index that carries the amounts
   * (feeds' timeIndexIncludes) instead of hashing millions of groups.
   */
  wholeScan?: 'idOrder';
  /**
   * Money or count parameters that do nothing but keep the subjects whose figure is at least the value
   * (`figures[figure] >= params[param]`, the figure being exactly the amount compared). A preview whose
   * proposal differs from the version in force in these alone counts both from one scan, run with the
   * lower value (the most common edit: a threshold moved).
   */
  atLeast?: readonly { param: string; figure: string }[];
}
