// National floors and fixed rules that local policy versions may not go below or change. They are used
// to validate an edited version and by the household-composition rule, which takes no local parameter.

import type { SchoolStage } from '../../registry/vocabulary';

/** 特困人员基本生活标准不低于当地低保标准的1.3倍. */
export const TEKUN_MIN_RATIO_PERMILLE = 1300;

/** 渐退期 at most 6 months (domain.md §6; provincial rules say "不超过6个月"). */
export const MAX_GRACE_MONTHS = 6;

/** 《民法典》第十七条: 十八周岁以上的自然人为成年人. */
export const ADULT_AGE = 18;

/**
 * 民发〔2021〕57号第七条: an adult child in full-time education "本科及以下" still counts as unable to live
 * independently. Postgraduates do not.
 */
export const STUDENT_STAGES_COUNTED: readonly SchoolStage[] = [
  'preschool',
  'primary',
  'junior',
  'senior',
  'secondary_vocational',
  'higher_vocational',
  'bachelor',
];

/**
 * Not policy but a safeguard: Jiangxi raises its standards every year, so a version older than this
 * when used is flagged for the reviewer to check that no newer notice is missing.
 */
export const STALE_POLICY_MONTHS = 12;

/**
 * 民发〔2021〕43号, 无履行义务能力: a supporter who is a 低保 recipient aged 60 or over; one aged 70 or
 * over with income below last year's per-capita disposable income and low-income assets; a severely
 * disabled supporter (grades 1–2, or grade 3 intellectual or mental) under the same income and asset test.
 */
export const SUPPORTER_DIBAO_ELDERLY_AGE = 60;
export const SUPPORTER_ELDERLY_AGE = 70;
export const SEVERE_DISABILITY_MAX_GRADE = 2;
export const SEVERE_DISABILITY_KINDS_GRADE3 = ['intellectual', 'mental'] as const;
