// The 待遇保障 (benefits) pages, under their own menu group: policy parameters and their versions, the policy
// simulation, proposed changes from the monthly recalculation, due re-checks, statistics, payment rolls;
// and, off the menu, a household's benefits with the explanation of every decision and one roll's detail.
import { AccountBookOutlined, BarChartOutlined, ControlOutlined, DiffOutlined, ExperimentOutlined, FileDoneOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { MenuGroup, PageEntry } from '../../app/page-entry';

const group: MenuGroup = { key: 'benefits', label: 'menu.benefitsGroup', icon: AccountBookOutlined };

export const benefitsPages: PageEntry[] = [
  {
    path: 'benefits/policies',
    permission: 'benefits.read',
    load: () => import('./PoliciesPage'),
    menu: { label: 'menu.benefitsPolicies', icon: ControlOutlined, order: 500, group },
  },
  {
    path: 'benefits/simulation',
    permission: 'benefits.read',
    load: () => import('./SimulationPage'),
    menu: { label: 'menu.benefitsSimulation', icon: ExperimentOutlined, order: 510, group },
  },
  {
    path: 'benefits/changes',
    permission: 'benefits.read',
    load: () => import('./ChangesPage'),
    menu: { label: 'menu.benefitsChanges', icon: DiffOutlined, order: 520, group },
  },
  {
    path: 'benefits/rechecks',
    permission: 'benefits.read',
    load: () => import('./RechecksPage'),
    menu: { label: 'menu.benefitsRechecks', icon: ScheduleOutlined, order: 530, group },
  },
  {
    path: 'benefits/stats',
    permission: 'benefits.read',
    load: () => import('./StatsPage'),
    menu: { label: 'menu.benefitsStats', icon: BarChartOutlined, order: 540, group },
  },
  {
    path: 'benefits/payment-rolls',
    permission: 'benefits.read',
    load: () => import('./PaymentRollsPage'),
    menu: { label: 'menu.benefitsRolls', icon: FileDoneOutlined, order: 550, group },
  },
  { path: 'benefits/payment-rolls/:id', permission: 'benefits.read', load: () => import('./PaymentRollPage'), menuParent: 'benefits/payment-rolls' },
  { path: 'benefits/households/:id', permission: 'benefits.read', load: () => import('./HouseholdBenefitsPage'), menuParent: 'registry/persons' },
];
