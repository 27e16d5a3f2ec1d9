// The casework API (src/casework/casework-routes.ts) with the server's own types: task queues and assignment,
// home visits, the one form and its items in the departments' queues, referrals, the one-person file, the
// citizen's status page, and the working-day calendar. Every type below is the server's (import type: no server
// code enters the bundle).
import type { Static } from 'typebox';
import type {
  AttachmentSchema, FileQuery, ItemQuery, ReferralActionBody, TaskQuery, ApplicationQuery, ApplicationBodyT, ItemActionBodyT, VisitBodyT,
} from '../../../src/casework/casework-schemas';
import type { assignableUsers, assignTasks, listTasks, readTask, taskSummary, TaskView } from '../../../src/casework/tasks';
import type { readVisit, VisitAnswer } from '../../../src/casework/visits';
import type { ApplicationView, listApplications } from '../../../src/casework/applications';
import type { itemHistory, ItemView, listItems } from '../../../src/casework/item-view';
import type { listReferrals } from '../../../src/casework/referrals';
import type { PublicItemStatus } from '../../../src/casework/public-status';
import type { FileEntry, FileEntryKind, householdFile, personFile } from '../../../src/casework/person-file';
import type { ApplicationForm } from '../../../src/casework/domain';
import type { CalendarDaysQuery, CalendarYearBody } from '../../../src/casework/casework-schemas';
import type { calendarDays, CalendarOverview } from '../../../src/casework/calendar-store';
import { apiRequest } from './client';

export type { TaskView, VisitAnswer, ApplicationView, ItemView, PublicItemStatus, FileEntry, FileEntryKind, ApplicationForm };
export type TaskQueryT = Static<typeof TaskQuery>;
export type TaskList = Awaited<ReturnType<typeof listTasks>>;
export type TaskDetail = Awaited<ReturnType<typeof readTask>>;
export type TaskSummary = Awaited<ReturnType<typeof taskSummary>>;
export type Assignee = Awaited<ReturnType<typeof assignableUsers>>[number];
export type AssignedTasks = { tasks: Awaited<ReturnType<typeof assignTasks>> };
export type VisitBody = VisitBodyT;
export type VisitView = Awaited<ReturnType<typeof readVisit>>;
export type AttachmentUpload = Static<typeof AttachmentSchema>;
export type ApplicationBody = ApplicationBodyT;
export type ApplicationQueryT = Static<typeof ApplicationQuery>;
export type ApplicationList = Awaited<ReturnType<typeof listApplications>>;
export type ApplicationSummary = ApplicationList['items'][number];
export type ItemQueryT = Static<typeof ItemQuery>;
export type ItemList = Awaited<ReturnType<typeof listItems>>;
export type ItemDetail = ItemView & { history: Awaited<ReturnType<typeof itemHistory>> };
export type ItemAction = ItemActionBodyT['action'];
export type ReferralList = Awaited<ReturnType<typeof listReferrals>>;
export type ReferralView = ReferralList['items'][number];
export type ReferralAction = Static<typeof ReferralActionBody>['action'];
export type PersonFile = Awaited<ReturnType<typeof personFile>>;
export type HouseholdFile = Awaited<ReturnType<typeof householdFile>>;
export type FileQueryT = Static<typeof FileQuery>;

export const caseworkApi = {
  tasks: (query: TaskQueryT, signal?: AbortSignal) => apiRequest<TaskList>('GET', '/tasks', { query, signal }),
  taskSummary: (signal?: AbortSignal) => apiRequest<TaskSummary>('GET', '/tasks/summary', { signal }),
  assignees: (signal?: AbortSignal) => apiRequest<Assignee[]>('GET', '/tasks/assignees', { signal }),
  task: (id: number, signal?: AbortSignal) => apiRequest<TaskDetail>('GET', `/tasks/${id}`, { signal }),
  assign: (tasks: { id: number; version: number }[], assigneeUserId: number) =>
    apiRequest<AssignedTasks>('POST', '/tasks/assign', { body: { tasks, assigneeUserId } }),
  resolve: (id: number, version: number, outcome: string) => apiRequest<TaskDetail>('POST', `/tasks/${id}/resolve`, { body: { version, outcome } }),

  /** A retry with the same clientId answers the first visit (200), never a second one. */
  recordVisit: (body: VisitBody) => apiRequest<VisitAnswer>('POST', '/visits', { body }),
  visit: (id: number, signal?: AbortSignal) => apiRequest<VisitView>('GET', `/visits/${id}`, { signal }),
  /** Attachments are a plain link: the browser sends the cookie, the server answers with the file. */
  fileUrl: (id: number) => `/api/v1/casework-files/${id}`,

  /** The form is the domain's ApplicationForm (readonly lists), which is what the route's shape accepts. */
  submitApplication: (body: Omit<ApplicationBody, 'form'> & { form: ApplicationForm }) => apiRequest<ApplicationView>('POST', '/applications', { body }),
  submitDraft: (id: number, body: { version: number; form: ApplicationForm; attachments?: AttachmentUpload[] }) =>
    apiRequest<ApplicationView>('POST', `/applications/${id}/submit`, { body }),
  applications: (query: ApplicationQueryT, signal?: AbortSignal) => apiRequest<ApplicationList>('GET', '/applications', { query, signal }),
  application: (id: number, signal?: AbortSignal) => apiRequest<ApplicationView>('GET', `/applications/${id}`, { signal }),

  items: (query: ItemQueryT, signal?: AbortSignal) => apiRequest<ItemList>('GET', '/items', { query, signal }),
  item: (id: number, signal?: AbortSignal) => apiRequest<ItemDetail>('GET', `/items/${id}`, { signal }),
  itemAction: (id: number, version: number, action: ItemAction) => apiRequest<ItemView>('POST', `/items/${id}/actions`, { body: { version, action } }),

  referrals: (query: { status?: 'open' | 'accepted' | 'closed'; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    apiRequest<ReferralList>('GET', '/referrals', { query, signal }),
  referralAction: (id: number, version: number, action: ReferralAction) =>
    apiRequest<ReferralView>('POST', `/referrals/${id}/actions`, { body: { version, action } }),

  personFile: (id: number, query: FileQueryT, signal?: AbortSignal) => apiRequest<PersonFile>('GET', `/persons/${id}/file`, { query, signal }),
  householdFile: (id: number, query: FileQueryT, signal?: AbortSignal) => apiRequest<HouseholdFile>('GET', `/households/${id}/file`, { query, signal }),

  /** No login: the ID number goes in the body, never in a URL. */
  publicStatus: (applicationNumber: string, idNumber: string) =>
    apiRequest<{ items: PublicItemStatus[] }>('POST', '/public/application-status', { body: { applicationNumber, idNumber } }),
};

// ---- the working-day calendar (a province administrator's years and overrides) ----

export type { CalendarOverview };
export type CalendarYearRequest = Static<typeof CalendarYearBody>;
export type CalendarDaysQueryT = Static<typeof CalendarDaysQuery>;
export type CalendarDay = Awaited<ReturnType<typeof calendarDays>>[number];

export const calendarApi = {
  overview: (signal?: AbortSignal) => apiRequest<CalendarOverview>('GET', '/calendar/overrides', { signal }),
  /** Replaces the year's overrides with the entries given; `complete` declares the year known. */
  putYear: (body: CalendarYearRequest) => apiRequest<CalendarOverview>('PUT', '/calendar/overrides', { body }),
  /** At most 400 days a request (the server refuses more). */
  days: (query: CalendarDaysQueryT, signal?: AbortSignal) => apiRequest<CalendarDay[]>('GET', '/calendar/days', { query, signal }),
};
