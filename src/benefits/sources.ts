// Citations used in explanations, in one place so that a reviewer can check them against the texts.
// An article number appears only where it was read in a copy of the published text; elsewhere the
// citation names the document and the provision by its subject. docs/benefits.md lists which is which.

export const SOCIAL_ASSISTANCE_MEASURES = '《社会救助暂行办法》（国务院令第649号）';
export const DIBAO_MEASURES = '《最低生活保障审核确认办法》（民发〔2021〕57号）';
export const TEKUN_MEASURES = '《特困人员认定办法》（民发〔2021〕43号）';
export const LOW_INCOME_OPINION = '《关于加强低收入人口动态监测做好分层分类社会救助工作的意见》（国办发〔2023〕39号）';
export const RIGID_MEASURES = '《刚性支出困难家庭认定办法》（2025）';

export const ART = {
  /** Verified: 第七条 lists 共同生活的家庭成员 and the persons not counted. */
  householdMembers: `${DIBAO_MEASURES}第七条`,
  /** Near-poor households' severely disabled or ill members may apply alone (article number not verified). */
  singlePerson: `${DIBAO_MEASURES}（单独提出申请的情形）`,
  nearPoorDefinition: `${DIBAO_MEASURES}（最低生活保障边缘家庭：人均收入低于低保标准1.5倍且财产符合规定）`,
  income: `${DIBAO_MEASURES}（家庭收入：工资性、经营净、财产净、转移净收入）`,
  incomeExempt: `${DIBAO_MEASURES}（不计入家庭收入的项目）`,
  incomeDeductions: `${DIBAO_MEASURES}（因残疾、患重病等增加的刚性支出及必要的就业成本可适当扣减）`,
  assets: `${DIBAO_MEASURES}（家庭财产状况符合当地规定）`,
  dibaoEligibility: `${SOCIAL_ASSISTANCE_MEASURES}（人均收入低于当地低保标准且财产符合规定的家庭给予低保）`,
  /** Verified (quoted by a county civil-affairs office): 第二十三条 gap or banded (分档) amounts. */
  dibaoAmount: `${DIBAO_MEASURES}第二十三条（按人均收入与标准的差额计算，或分档计算）`,
  dibaoPaymentStart: `${DIBAO_MEASURES}（审核确认后次月起发放）；本项目 domain.md §6`,
  recheck: `${DIBAO_MEASURES}（动态管理：收入变化不大的每年核查一次；收入来源不固定、有劳动能力的每半年核查一次）`,
  graceExit: `${DIBAO_MEASURES}（因就业收入超过标准的可给予渐退期）；渐退期不超过6个月见本项目 domain.md §6`,
  tekunConditions: `${TEKUN_MEASURES}（认定条件：无劳动能力、无生活来源、无法定义务人或义务人无履行能力）`,
  tekunNoLabour: `${TEKUN_MEASURES}（无劳动能力的情形）`,
  tekunNoIncome: `${TEKUN_MEASURES}（无生活来源：收入低于低保标准且财产符合特困财产规定）`,
  tekunNoSupporter: `${TEKUN_MEASURES}（法定义务人无履行义务能力的情形）`,
  tekunSelfCare: `${TEKUN_MEASURES}（生活自理能力六项指标评估）`,
  tekunStandard: '特困人员基本生活标准不低于当地低保标准的1.3倍（国家要求，见本项目 domain.md §6；文件出处待核）',
  tekunCare: '特困人员照料护理标准按生活自理能力分档（当地提标通知）',
  temporary: `${SOCIAL_ASSISTANCE_MEASURES}第九章 临时救助；当地临时救助实施办法`,
  rigid: `${RIGID_MEASURES}`,
  warningsFourWays: LOW_INCOME_OPINION,
} as const;
