// The explanation every benefits result carries: the ordered steps a reviewer can read aloud to a family,
// each with the amount it produced and the policy article it applies, and the policy version used.
// Article numbers are quoted only where they were checked against a published text (see sources.ts).

import type { AreaType } from '../registry/vocabulary';

export interface Step {
  label: { zh: string; en: string };
  /** Plain Chinese sentence with the numbers used, for the caseworker and the family. */
  detail: string;
  amountFen?: number;
  article?: string;
}

/** Which policy version produced a result: enough to find it again and to prove which figures applied. */
export interface PolicyRef {
  regionCode: string;
  areaType: AreaType | 'both';
  effectiveFrom: string;
  version: number;
}

export interface Explained {
  steps: Step[];
  /** null only where the rule is national and takes no local parameter (household composition). */
  policyVersion: PolicyRef | null;
  /** Points a person must check before deciding (unknown facts, cases outside the rules). Chinese. */
  flags: string[];
}

export function step(zh: string, en: string, detail: string, extra: { amountFen?: number; article?: string } = {}): Step {
  const s: Step = { label: { zh, en }, detail };
  if (extra.amountFen !== undefined) s.amountFen = extra.amountFen;
  if (extra.article !== undefined) s.article = extra.article;
  return s;
}
