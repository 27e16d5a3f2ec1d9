// The 预警监测 pages (active discovery), under one menu group: the warnings of the caller's region and one
// warning with its evidence; the rules with their editor and preview; the comparison runs with progress.
import { AlertOutlined, ControlOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import type { MenuGroup, PageEntry } from '../../app/page-entry';

const group: MenuGroup = { key: 'monitoring', label: 'menu.monitoringGroup', icon: AlertOutlined };

export const monitoringPages: PageEntry[] = [
  {
    path: 'warnings',
    permission: 'warnings.read',
    load: () => import('./WarningListPage'),
    menu: { label: 'menu.monitoringWarnings', icon: WarningOutlined, order: 300, group },
  },
  { path: 'warnings/:id', permission: 'warnings.read', load: () => import('./WarningPage'), menuParent: 'warnings' },
  {
    path: 'rules',
    permission: 'warnings.read',
    load: () => import('./RuleListPage'),
    menu: { label: 'menu.monitoringRules', icon: ControlOutlined, order: 320, group },
  },
  { path: 'rules/:code', permission: 'warnings.read', load: () => import('./RulePage'), menuParent: 'rules' },
  {
    path: 'comparison-runs',
    permission: 'warnings.read',
    load: () => import('./ComparisonRunsPage'),
    menu: { label: 'menu.monitoringRuns', icon: SyncOutlined, order: 340, group },
  },
];
