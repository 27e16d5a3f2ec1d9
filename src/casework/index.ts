// Casework as the rest of the house sees it: routes, the calendar and time limits from the database, tasks for
// warnings, and the pure domain rules (./domain).
export { caseworkRoutes } from './casework-routes';
export { loadWorkCalendar, materialiseCalendar } from './calendar-store';
export { loadDeadlineContext, loadDeadlineParameters, computeDeadline } from './deadline-store';
export { openVerificationTasks, escalateOverdueTasks, refreshQueues } from './tasks';
export { subscribeVerificationTasks } from './events';
