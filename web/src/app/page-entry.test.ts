import { describe, expect, it } from 'vitest';
import { activeMenuKey, menuFor, menuTree, type MenuGroup, type PageEntry } from './page-entry';

const Icon = () => null;
const load = async () => ({ default: () => null });
const pages: PageEntry[] = [
  { path: '', load, menu: { label: 'menu.home', icon: Icon, order: 0 } },
  { path: 'registry/persons', permission: 'registry.read', load, menu: { label: 'menu.persons', icon: Icon, order: 100 } },
  { path: 'registry/households/new', permission: 'registry.write', load, menu: { label: 'menu.newHousehold', icon: Icon, order: 110 } },
  { path: 'registry/households/:id', permission: 'registry.read', load, menuParent: 'registry/persons' },
];

describe('menu as data', () => {
  it('shows only the entries the account may use', () => {
    expect(menuFor(pages, []).map((m) => m.path)).toEqual(['/']);
    expect(menuFor(pages, ['registry.read']).map((m) => m.path)).toEqual(['/', '/registry/persons']);
    expect(menuFor(pages, ['registry.read', 'registry.write'])).toHaveLength(3);
  });

  it('gathers grouped entries under their group, shown only when one of them is allowed', () => {
    const feeds: MenuGroup = { key: 'feeds', label: 'menu.feedsGroup', icon: Icon };
    const withGroup: PageEntry[] = [
      ...pages,
      { path: 'feeds/import', permission: 'feeds.import', load, menu: { label: 'menu.feedImport', icon: Icon, order: 210, group: feeds } },
      { path: 'feeds/catalogue', permission: 'feeds.read', load, menu: { label: 'menu.feedCatalogue', icon: Icon, order: 200, group: feeds } },
      { path: 'feeds/imports/:id', permission: 'feeds.read', load, menuParent: 'feeds/catalogue' },
    ];
    const tree = menuTree(menuFor(withGroup, ['registry.read', 'feeds.read', 'feeds.import']));
    expect(tree.map((n) => (n.kind === 'item' ? n.item.path : `[${n.group.key}: ${n.items.map((i) => i.path).join(', ')}]`))).toEqual([
      '/', '/registry/persons', '[feeds: /feeds/catalogue, /feeds/import]',
    ]);
    expect(menuTree(menuFor(withGroup, ['registry.read'])).some((n) => n.kind === 'group')).toBe(false);
    expect(activeMenuKey(withGroup, '/feeds/imports/3')).toBe('/feeds/catalogue');
  });

  it('highlights the parent entry of a page off the menu', () => {
    expect(activeMenuKey(pages, '/registry/households/12')).toBe('/registry/persons');
    expect(activeMenuKey(pages, '/registry/households/new')).toBe('/registry/households/new');
    expect(activeMenuKey(pages, '/nowhere')).toBeUndefined();
  });
});
