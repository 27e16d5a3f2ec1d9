import { Tag } from 'antd';
import { CATEGORY_LABELS } from '../../../src/registry/vocabulary';
import { useI18n } from '../i18n';

// One colour per monitoring category, so a list is read at a glance.
const COLOURS: Record<string, string> = {
  dibao: 'blue', tekun: 'purple', nearPoor: 'cyan', rigidExpenditure: 'orange', ruralMonitoring: 'green', temporaryAssistance: 'magenta', otherHardship: 'default',
};

export function CategoryTag({ category, ended = false }: { category: string; ended?: boolean }) {
  const { label } = useI18n();
  return (
    <Tag color={ended ? 'default' : COLOURS[category] ?? 'default'} className={ended ? 'sn-tag-ended' : undefined}>
      {label(CATEGORY_LABELS, category)}
    </Tag>
  );
}

export function CategoryTags({ categories }: { categories: string[] }) {
  return (
    <span className="sn-tags">
      {categories.map((c) => (
        <CategoryTag key={c} category={c} />
      ))}
    </span>
  );
}
