// The registry's pages: finding people, a household with its history, creating and editing households.
import { TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import type { PageEntry } from '../../app/page-entry';

export const registryPages: PageEntry[] = [
  {
    path: 'registry/persons',
    permission: 'registry.read',
    load: () => import('./PersonSearchPage'),
    menu: { label: 'menu.persons', icon: TeamOutlined, order: 100 },
  },
  {
    path: 'registry/households/new',
    permission: 'registry.write',
    load: () => import('./HouseholdEditPage'),
    menu: { label: 'menu.newHousehold', icon: UserAddOutlined, order: 110 },
  },
  { path: 'registry/households/:id', permission: 'registry.read', load: () => import('./HouseholdPage'), menuParent: 'registry/persons' },
  { path: 'registry/households/:id/edit', permission: 'registry.write', load: () => import('./HouseholdEditPage'), menuParent: 'registry/persons' },
];
