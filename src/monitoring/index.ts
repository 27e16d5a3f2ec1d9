// Monitoring (主动发现) as the rest of the house sees it: rules as versioned data, the evaluator, comparison
// runs (real time, after import, full), warnings with their evidence. See docs/rules.md.
export { monitoringRoutes } from './monitoring-routes';
export { RULES, findRule, rulesReading } from './rule-catalogue';
export { ensureRules, loadVersions, createRuleVersion, type RuleVersionInput } from './rule-store';
export { versionInForce, type RuleVersion } from './rule-versions';
export { previewRule, type PreviewResult } from './preview';
export { listWarnings, readWarning, changeWarningStatus, type WarningSummary, type WarningDetail, type WarningQuery } from './warning-queries';
export {
  runFullComparison, startFullComparison, workFullComparison, finishFullComparison, requeueAbandoned,
  comparisonRunProgress, comparisonRunUnits, listComparisonRuns, evaluateImport,
  type RunProgress, type UnitProgress, type ImportEvaluation,
} from './comparison-runs';
export { subscribeComparisons, ImportEvaluator } from './realtime';
export type { MonitoringTables } from './tables';
