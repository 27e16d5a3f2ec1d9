// Monitoring categories of demo households: shares like those reported in the field, household sizes per
// category, when each kind of spell can start, what a household was before, and why it is in a category.
// Demo parameters, not policy: real shares and dates come from the departments' data.

import type { Category } from '../vocabulary';
import { Random, Weighted } from './random';

/** The categories a demo household is currently in. */
export type DemoCategory = 'dibao' | 'ruralMonitoring' | 'nearPoor' | 'tekun' | 'rigidExpenditure';

/** Share of households, in percent. */
export const CATEGORY_SHARES: readonly [DemoCategory, number][] = [
  ['dibao', 55],
  ['ruralMonitoring', 20],
  ['nearPoor', 12],
  ['tekun', 8],
  ['rigidExpenditure', 5],
];

/** Weights of household sizes 1…7. 特困 support is personal, so those households are mostly one person. */
const SIZE_WEIGHTS: Record<DemoCategory, number[]> = {
  dibao: [28, 24, 18, 15, 9, 4, 2],
  tekun: [88, 10, 2, 0, 0, 0, 0],
  ruralMonitoring: [8, 15, 20, 25, 18, 9, 5],
  nearPoor: [15, 22, 23, 20, 12, 5, 3],
  rigidExpenditure: [10, 18, 25, 24, 14, 6, 3],
};

/**
 * Spells cannot start before the mechanism existed: rural monitoring from 2020 (国开办发〔2020〕6号),
 * rigid-expenditure hardship from the end of 2023 (国办发〔2023〕39号).
 */
const EARLIEST_START: Partial<Record<Category, string>> = {
  ruralMonitoring: '2020-03-20',
  rigidExpenditure: '2023-11-01',
};

/** What a household with a history was before its current category. */
const PREVIOUS: Record<DemoCategory, readonly [Category, number][]> = {
  dibao: [['nearPoor', 4], ['ruralMonitoring', 3], ['temporaryAssistance', 3]],
  tekun: [['dibao', 1]],
  nearPoor: [['dibao', 1]],
  ruralMonitoring: [['nearPoor', 1], ['dibao', 1]],
  rigidExpenditure: [['nearPoor', 1], ['temporaryAssistance', 1]],
};

export const HISTORY_SHARE = 0.15;

export class CategoryPicker {
  private readonly current = new Weighted(CATEGORY_SHARES);
  private readonly sizes = Object.fromEntries(
    Object.entries(SIZE_WEIGHTS).map(([c, w]) => [c, new Weighted(w.map((weight, i) => [i + 1, weight] as const))]),
  ) as Record<DemoCategory, Weighted<number>>;
  private readonly previous = Object.fromEntries(
    Object.entries(PREVIOUS).map(([c, list]) => [c, new Weighted(list)]),
  ) as Record<DemoCategory, Weighted<Category>>;

  constructor(private readonly random: Random) {}

  category(): DemoCategory {
    return this.current.pick(this.random);
  }

  size(category: DemoCategory): number {
    return this.sizes[category].pick(this.random);
  }

  /** An earlier category for a household's history; rural monitoring only for rural households. */
  previousOf(category: DemoCategory, rural: boolean): Category {
    const before = this.previous[category].pick(this.random);
    return before === 'ruralMonitoring' && !rural ? 'nearPoor' : before;
  }
}

/** Earliest start of a spell of this category, if the mechanism is recent. */
export function earliestStart(category: Category): string | undefined {
  return EARLIEST_START[category];
}

/** What the household looks like, for choosing a reason that fits its members. */
export interface HouseholdFacts {
  headProfile: HeadProfile;
  anySeriousIllness: boolean;
  anySevereDisability: boolean;
  anyDisability: boolean;
  anyStudentAboveCompulsory: boolean;
  elderlyOnly: boolean;
}

export type HeadProfile = 'elderly' | 'severeDisability' | 'minor' | 'adult';

const MONITORING_OTHER_CAUSES = ['因灾', '因意外事故', '因务工就业不稳', '因产业经营失败'];

export function categoryReason(category: Category, facts: HouseholdFacts, random: Random): string {
  switch (category) {
    case 'tekun':
      if (facts.headProfile === 'minor') return '未满16周岁，无生活来源且无法定抚养义务人';
      if (facts.headProfile === 'severeDisability') return '重度残疾，无劳动能力、无生活来源、无法定赡养抚养扶养义务人';
      return '老年人无劳动能力、无生活来源、无法定赡养抚养扶养义务人';
    case 'dibao':
      if (facts.anySevereDisability) return '家庭成员重度残疾，家庭人均收入低于当地低保标准';
      if (facts.anySeriousIllness) return '家庭成员患重病，家庭人均收入低于当地低保标准';
      if (facts.elderlyOnly) return '老年人无稳定收入，家庭人均收入低于当地低保标准';
      return '家庭人均收入低于当地低保标准';
    case 'nearPoor':
      return '家庭人均收入高于低保标准但低于1.5倍，财产状况符合规定';
    case 'rigidExpenditure':
      if (facts.anySeriousIllness || !facts.anyStudentAboveCompulsory) return '医疗支出较大，刚性支出超过家庭收入';
      return '子女就学支出较大，刚性支出超过家庭收入';
    case 'ruralMonitoring': {
      const cause = facts.anySeriousIllness
        ? '因病'
        : facts.anyDisability
          ? '因残'
          : facts.anyStudentAboveCompulsory
            ? '因学'
            : random.pick(MONITORING_OTHER_CAUSES);
      return `${cause}存在返贫致贫风险`;
    }
    case 'temporaryAssistance':
      return '遭遇突发事件，基本生活暂时出现严重困难';
    case 'otherHardship':
      return '其他原因导致生活困难';
  }
}
