// Picks a region from the account's own region downwards, loading each level's children only when it is
// opened (GET /regions/{code}/children): a province has 22,000 villages, far too many to send at once.
// With `villagesOnly`, only villages and communities (level 5) can be chosen, as a household needs.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import { registryApi, type RegionNode } from '../api/registry';
import { useMe } from '../app/session';
import { useI18n } from '../i18n';

interface TreeNode {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

export interface RegionPickerProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** The chosen region's details (its urban/rural class, for a household). */
  onRegion?: (region: RegionNode | null) => void;
  villagesOnly?: boolean;
  placeholder?: string;
  status?: 'error' | 'warning';
  'aria-label'?: string;
}

export function RegionPicker({ id, value, onChange, onRegion, villagesOnly = false, placeholder, status, ...rest }: RegionPickerProps) {
  const me = useMe();
  const { t } = useI18n();
  const root: TreeNode = useMemo(
    () => ({ id: me.regionCode, value: me.regionCode, title: me.regionName, isLeaf: me.regionLevel >= 5, selectable: !villagesOnly || me.regionLevel === 5 }),
    [me.regionCode, me.regionName, me.regionLevel, villagesOnly],
  );
  const [nodes, setNodes] = useState<Map<string, TreeNode>>(() => new Map([[root.id, root]]));
  const regions = useRef(new Map<string, RegionNode>());
  const loaded = useRef(new Map<string, Promise<void>>());
  const [failed, setFailed] = useState(false);

  const loadChildren = useCallback(
    (code: string): Promise<void> => {
      const existing = loaded.current.get(code);
      if (existing) return existing;
      const p = registryApi.regionChildren(code).then(
        (children) => {
          for (const c of children) regions.current.set(c.code, c);
          setNodes((prev) => {
            const next = new Map(prev);
            for (const c of children) {
              next.set(c.code, { id: c.code, pId: code, value: c.code, title: c.name, isLeaf: !c.hasChildren, selectable: !villagesOnly || c.level === 5 });
            }
            return next;
          });
        },
        (e) => {
          loaded.current.delete(code);
          setFailed(true);
          throw e;
        },
      );
      loaded.current.set(code, p);
      return p;
    },
    [villagesOnly],
  );

  // A value chosen earlier (from the URL, or the household being edited): load the branches down to it so
  // that it shows by name.
  useEffect(() => {
    if (!value || nodes.has(value)) return;
    let cancelled = false;
    (async () => {
      const detail = await registryApi.region(value);
      if (cancelled) return;
      const chain = [me.regionCode, ...detail.path.filter((p) => p.level > me.regionLevel && p.level < detail.level).map((p) => p.code)];
      for (const code of chain) {
        if (cancelled) return;
        await loadChildren(code);
      }
    })().catch(() => setFailed(true));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, me.regionCode]);

  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      status={status ?? (failed ? 'warning' : undefined)}
      value={value ?? undefined}
      placeholder={placeholder ?? (villagesOnly ? t('region.pickVillage') : t('region.pick'))}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeData={[...nodes.values()]}
      treeDefaultExpandedKeys={[me.regionCode]}
      loadData={(node) => loadChildren(String(node.value)).catch(() => undefined)}
      onChange={(code: string | undefined) => {
        onChange?.(code ?? undefined);
        onRegion?.(code ? regions.current.get(code) ?? null : null);
      }}
      notFoundContent={failed ? t('region.loadFailed') : undefined}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 280 } } }}
      style={{ width: '100%' }}
    />
  );
}
