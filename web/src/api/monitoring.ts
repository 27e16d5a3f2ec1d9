// The monitoring API (src/monitoring/monitoring-routes.ts): warnings with counts, evidence and status moves;
// rules with their parameter specs, versions, edits and previews; comparison runs and their progress. Types
// come from the server: WarningSummary/WarningDetail/EvidenceView (warning-queries.ts), RuleView/VersionView
// (rule-views.ts), PreviewResult (preview.ts), RunProgress/UnitProgress (comparison-runs.ts) and the route
// schemas. GET /rules/{code} and GET /comparison-runs/{id} add fields inline, composed here from those types.
import type { Static } from 'typebox';
import type {
  PreviewBody, RuleVersionBody, RunsQuery, StartRunBody, StatusBody, WarningsQuery,
} from '../../../src/monitoring/monitoring-routes';
import type { EvidenceView, WarningDetail, WarningSummary, listWarnings } from '../../../src/monitoring/warning-queries';
import type { RuleView, VersionView } from '../../../src/monitoring/rule-views';
import type { PreviewResult } from '../../../src/monitoring/preview';
import type { RunProgress, UnitProgress } from '../../../src/monitoring/comparison-runs';
import type { TaskView } from '../../../src/casework/tasks';
import { apiRequest } from './client';

export type { EvidenceView, WarningDetail, WarningSummary, RuleView, VersionView, PreviewResult, RunProgress, UnitProgress };

export type WarningListQuery = Static<typeof WarningsQuery>;
export type WarningPage = Awaited<ReturnType<typeof listWarnings>>;
export type StatusChange = Static<typeof StatusBody>;
/** One parameter spec as published for the editor (publishSpec in rule-params.ts). */
export type ParamSpecView = RuleView['params'][number];
/** GET /rules/{code}: the rule with every version (newest first) and whether the caller may edit. */
export type RuleDetail = RuleView & { versions: VersionView[]; canEdit: boolean };
export type RuleVersionInput = Static<typeof RuleVersionBody>;
export type PreviewInput = Static<typeof PreviewBody>;
export type RunListQuery = Static<typeof RunsQuery>;
export type StartRunInput = Static<typeof StartRunBody>;
export interface RunPage {
  items: RunProgress[];
  total: number;
  page: number;
  pageSize: number;
}
/** GET /comparison-runs/{id}: progress with the units of a full comparison. */
export type RunDetail = RunProgress & { unitList: UnitProgress[] };
/** The few fields of a casework task the warning page needs (GET /tasks?warningId=). */
export type WarningTask = Pick<TaskView, 'id' | 'kind' | 'status' | 'dueOn' | 'overdue'>;

export const monitoringApi = {
  warnings: (query: WarningListQuery, signal?: AbortSignal) => apiRequest<WarningPage>('GET', '/warnings', { query, signal }),
  warning: (id: number, signal?: AbortSignal) => apiRequest<WarningDetail>('GET', `/warnings/${id}`, { signal }),
  changeStatus: (id: number, body: StatusChange) => apiRequest<WarningSummary>('POST', `/warnings/${id}/status`, { body }),
  /** The verification tasks casework opened for a warning (any status). */
  tasksOf: (warningId: number, signal?: AbortSignal) =>
    apiRequest<{ items: WarningTask[]; total: number }>('GET', '/tasks', { query: { warningId }, signal }),

  rules: (region?: string, signal?: AbortSignal) => apiRequest<RuleView[]>('GET', '/rules', { query: { region }, signal }),
  rule: (code: string, region?: string | null, signal?: AbortSignal) =>
    apiRequest<RuleDetail>('GET', `/rules/${encodeURIComponent(code)}`, { query: { region: region ?? undefined }, signal }),
  saveRule: (code: string, body: RuleVersionInput) => apiRequest<VersionView>('PUT', `/rules/${encodeURIComponent(code)}`, { body }),
  previewRule: (code: string, body: PreviewInput) => apiRequest<PreviewResult>('POST', `/rules/${encodeURIComponent(code)}/preview`, { body }),

  runs: (query: RunListQuery, signal?: AbortSignal) => apiRequest<RunPage>('GET', '/comparison-runs', { query, signal }),
  run: (id: number, signal?: AbortSignal) => apiRequest<RunDetail>('GET', `/comparison-runs/${id}`, { signal }),
  startRun: (body: StartRunInput) => apiRequest<RunProgress>('POST', '/comparison-runs', { body }),
};
