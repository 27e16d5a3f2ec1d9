// A page of the workbench as data: its path, who may open it, how to load it, and its menu entry. Each
// capability exports a list of these (pages/registry/index.ts); app/pages.ts puts the lists together.
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { Permission } from '../api/registry';

export interface PageEntry {
  /** Path below the site root, without the leading slash: 'registry/persons', 'registry/households/:id'. */
  path: string;
  /** Only accounts with this permission may open the page (and see its menu entry). */
  permission?: Permission;
  /** The page component, loaded when first opened. */
  load: () => Promise<{ default: ComponentType }>;
  /** Present for pages that appear in the menu; lower `order` comes first. Entries of a `group` appear
   *  under its heading, which sits where its first entry would. */
  menu?: { label: MessageKey; icon: ComponentType<{ className?: string }>; order: number; group?: MenuGroup };
  /** For a page off the menu: the path of the menu entry to highlight while it is open. */
  menuParent?: string;
  /** Open without login (a citizen's page), shown on its own without the workbench around it. */
  public?: boolean;
}

/** A heading in the menu (a collapsible sub-menu) holding a capability's entries: 数据接入, … */
export interface MenuGroup {
  key: string;
  label: MessageKey;
  icon: ComponentType<{ className?: string }>;
}

export interface MenuItem {
  key: string;
  path: string;
  label: MessageKey;
  icon: ComponentType<{ className?: string }>;
  group?: MenuGroup;
}

/** The menu as shown: single entries, and groups with their entries. */
export type MenuNode = { kind: 'item'; item: MenuItem } | { kind: 'group'; group: MenuGroup; items: MenuItem[] };

/** The menu an account sees: entries whose permission it holds, in order. */
export function menuFor(pages: PageEntry[], permissions: readonly string[]): MenuItem[] {
  return pages
    .filter((p) => p.menu && (!p.permission || permissions.includes(p.permission)))
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((p) => ({ key: `/${p.path}`, path: `/${p.path}`, label: p.menu!.label, icon: p.menu!.icon, group: p.menu!.group }));
}

/** The entries an account sees, with grouped entries gathered under their group (placed at its first entry).
 *  A group none of whose entries the account may use does not appear at all. */
export function menuTree(items: MenuItem[]): MenuNode[] {
  const nodes: MenuNode[] = [];
  const groups = new Map<string, Extract<MenuNode, { kind: 'group' }>>();
  for (const item of items) {
    if (!item.group) {
      nodes.push({ kind: 'item', item });
      continue;
    }
    let node = groups.get(item.group.key);
    if (!node) {
      node = { kind: 'group', group: item.group, items: [] };
      groups.set(item.group.key, node);
      nodes.push(node);
    }
    node.items.push(item);
  }
  return nodes;
}

/** The key of a group's sub-menu. */
export const groupKey = (group: MenuGroup) => `group:${group.key}`;

function matches(pattern: string, pathname: string): boolean {
  const a = pattern.split('/').filter(Boolean);
  const b = pathname.split('/').filter(Boolean);
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}

/** The menu key to highlight for the current location. */
export function activeMenuKey(pages: PageEntry[], pathname: string): string | undefined {
  const page = pages.find((p) => matches(p.path, pathname));
  if (!page) return undefined;
  if (page.menu) return `/${page.path}`;
  return page.menuParent ? `/${page.menuParent}` : undefined;
}
