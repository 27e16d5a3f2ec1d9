// The 救助办理 (casework) pages, under one menu group: the task queue with its visits, the one form and its
// applications, the departments' item queue, referrals, the one-person file, and the working-day calendar the
// time limits are counted on. The citizen's status page (public/status) needs no login.
import { AuditOutlined, CalendarOutlined, FileAddOutlined, FileSearchOutlined, ScheduleOutlined, SolutionOutlined, SwapOutlined } from '@ant-design/icons';
import type { MenuGroup, PageEntry } from '../../app/page-entry';

const group: MenuGroup = { key: 'casework', label: 'menu.caseworkGroup', icon: SolutionOutlined };

export const caseworkPages: PageEntry[] = [
  {
    path: 'casework/tasks',
    permission: 'tasks.read',
    load: () => import('./TaskQueuePage'),
    menu: { label: 'menu.caseworkTasks', icon: ScheduleOutlined, order: 400, group },
  },
  { path: 'casework/tasks/:id', permission: 'tasks.read', load: () => import('./TaskPage'), menuParent: 'casework/tasks' },
  { path: 'casework/tasks/:id/visit', permission: 'tasks.work', load: () => import('./VisitFormPage'), menuParent: 'casework/tasks' },
  { path: 'casework/visits/:id', permission: 'tasks.read', load: () => import('./VisitPage'), menuParent: 'casework/tasks' },
  {
    path: 'casework/applications/new',
    permission: 'applications.submit',
    load: () => import('./ApplicationFormPage'),
    menu: { label: 'menu.caseworkNewApplication', icon: FileAddOutlined, order: 410, group },
  },
  {
    path: 'casework/applications',
    permission: 'applications.read',
    load: () => import('./ApplicationListPage'),
    menu: { label: 'menu.caseworkApplications', icon: FileSearchOutlined, order: 420, group },
  },
  { path: 'casework/applications/:id', permission: 'applications.read', load: () => import('./ApplicationPage'), menuParent: 'casework/applications' },
  { path: 'casework/applications/:id/submit', permission: 'applications.submit', load: () => import('./ApplicationFormPage'), menuParent: 'casework/applications' },
  {
    path: 'casework/items',
    permission: 'items.read',
    load: () => import('./ItemQueuePage'),
    menu: { label: 'menu.caseworkItems', icon: AuditOutlined, order: 430, group },
  },
  { path: 'casework/items/:id', permission: 'items.read', load: () => import('./ItemPage'), menuParent: 'casework/items' },
  {
    path: 'casework/referrals',
    permission: 'items.read',
    load: () => import('./ReferralQueuePage'),
    menu: { label: 'menu.caseworkReferrals', icon: SwapOutlined, order: 440, group },
  },
  {
    path: 'casework/calendar',
    // The page is for declaring years, so only those who may save one see it (province and system administrators).
    permission: 'calendar.admin',
    load: () => import('./CalendarPage'),
    menu: { label: 'menu.caseworkCalendar', icon: CalendarOutlined, order: 470, group },
  },
  { path: 'casework/persons/:id/file', permission: 'registry.read', load: () => import('./PersonFilePage'), menuParent: 'registry/persons' },
  { path: 'casework/households/:id/file', permission: 'registry.read', load: () => import('./PersonFilePage'), menuParent: 'registry/persons' },
  { path: 'public/status', public: true, load: () => import('./PublicStatusPage') },
];
