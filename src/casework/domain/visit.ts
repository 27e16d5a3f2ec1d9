// A home visit (入户核实 / 入户调查) as recorded on the caseworker's tablet, often offline, and what it decided.
// Dispositions follow the four ways of 国办发〔2023〕39号 — apply the policy (start an application or pay
// emergency help now), push to another department, county coordination case by case (一事一议), re-check a
// household that may no longer qualify — plus closing a warning and finding no hardship.

import { compareDates, isIsoDate, type IsoDate } from '../../platform/calendar/index.js';
import { DEPARTMENTS, type DepartmentCode } from './departments.js';
import { fieldError, type FieldError } from './field-error.js';
import { ITEM_KINDS, type ItemKind } from './items.js';
import { isOneOf } from '../../registry/vocabulary.js';

export const DISPOSITION_KINDS = [
  'startApplication',
  'emergencyAssistance',
  'referral',
  'countyCoordination',
  'recheck',
  'close',
  'noHardship',
] as const;
export type DispositionKind = (typeof DISPOSITION_KINDS)[number];

export const DISPOSITION_LABELS: Record<DispositionKind, { zh: string; en: string }> = {
  startApplication: { zh: '代为发起救助申请', en: 'Start an application on their behalf' },
  emergencyAssistance: { zh: '急难型临时救助（先行救助）', en: 'Emergency temporary assistance now' },
  referral: { zh: '转介相关部门', en: 'Refer to a department' },
  countyCoordination: { zh: '县级统筹（一事一议）', en: 'County coordination (case by case)' },
  recheck: { zh: '复核（可能不再符合条件）', en: 'Re-check (may no longer be eligible)' },
  close: { zh: '关闭预警', en: 'Close the warning' },
  noHardship: { zh: '未发现困难', en: 'No hardship found' },
};

export type VisitDisposition =
  | { readonly kind: 'startApplication'; readonly items: readonly ItemKind[] }
  | { readonly kind: 'emergencyAssistance'; readonly amountFen: number; readonly reason: string }
  | { readonly kind: 'referral'; readonly department: DepartmentCode; readonly why: string }
  | { readonly kind: 'countyCoordination'; readonly summary: string }
  | { readonly kind: 'recheck'; readonly reason: string }
  | { readonly kind: 'close'; readonly reason: string }
  | { readonly kind: 'noHardship'; readonly note?: string };

export const VISIT_PURPOSES = ['warningVerification', 'householdSurvey', 'recheck', 'followUp'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

/** What the visitor writes up; a household survey covers the family's whole economic picture. */
export const FINDING_SECTIONS = [
  'livingConditions', 'members', 'housing', 'health', 'income', 'assets', 'rigidExpenses', 'employment', 'education', 'needs',
] as const;
export type FindingSection = (typeof FINDING_SECTIONS)[number];
export const SURVEY_REQUIRED_SECTIONS: readonly FindingSection[] = ['livingConditions', 'housing', 'income', 'assets'];

const SECTION_LABELS: Record<FindingSection, string> = {
  livingConditions: '生活状况', members: '家庭成员情况', rigidExpenses: '刚性支出情况', housing: '住房情况', health: '健康状况', income: '收入情况',
  assets: '财产情况', employment: '就业情况', education: '就学情况', needs: '救助需求',
};

export interface Visitor {
  readonly userId: string;
  readonly name: string;
}

export interface PersonPresent {
  readonly name: string;
  /** Relation to the household, or a role such as 村干部 for someone from outside it. */
  readonly role: string;
}

export interface AttachmentMeta {
  /** Generated on the tablet so a retried upload is recognised. */
  readonly clientId: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
}

export interface VisitRecord {
  /** UUID generated on the tablet: the record's identity across offline saves and retried syncs. */
  readonly clientId: string;
  readonly purpose: VisitPurpose;
  readonly warningId?: string;
  readonly applicationId?: string;
  readonly visitedOn: IsoDate;
  readonly visitors: readonly Visitor[];
  readonly present: readonly PersonPresent[];
  readonly findings: Partial<Record<FindingSection, string>>;
  /** A household survey form signed by the investigators and the applicant. */
  readonly surveyFormSigned?: boolean;
  readonly attachments: readonly AttachmentMeta[];
  /** Required except on a household survey, which feeds the application's procedure instead. */
  readonly disposition?: VisitDisposition;
}

export interface AttachmentLimits {
  readonly maxCount: number;
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly allowedTypes: readonly string[];
}

/** Photos, scans and short voice notes from a tablet over a rural mobile network; a setting, not a law. */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxCount: 20,
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
  allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf', 'audio/mp4', 'audio/mpeg'],
};

/** Visitors on a household survey (《最低生活保障审核确认办法》: at least two investigators). */
export const MIN_SURVEY_VISITORS = 2;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export interface VisitValidationContext {
  readonly today: IsoDate;
  readonly limits?: AttachmentLimits;
}

function blank(v: unknown): boolean {
  return typeof v !== 'string' || v.trim() === '';
}

export function validateDisposition(d: VisitDisposition | undefined, field = 'disposition'): FieldError[] {
  const e: FieldError[] = [];
  const add = (f: string, code: string, zh: string, en: string) => e.push(fieldError(`${field}${f}`, code, zh, en));
  if (!d || !isOneOf(DISPOSITION_KINDS, d.kind)) {
    add('.kind', 'required', '请选择处置方式', 'Choose a disposition');
    return e;
  }
  switch (d.kind) {
    case 'startApplication':
      if (!Array.isArray(d.items) || d.items.length === 0) add('.items', 'required', '请选择要申请的救助事项', 'Choose the items to apply for');
      else d.items.forEach((k, i) => { if (!isOneOf(ITEM_KINDS, k)) add(`.items[${i}]`, 'invalid_choice', '未知的救助事项', 'Unknown assistance item'); });
      break;
    case 'emergencyAssistance':
      if (!Number.isInteger(d.amountFen) || d.amountFen <= 0) add('.amountFen', 'invalid_amount', '救助金额应为大于零的整数（以分计）', 'Amount must be a positive whole number of fen');
      if (blank(d.reason)) add('.reason', 'required', '请说明急难情形', 'Describe the emergency');
      break;
    case 'referral':
      if (!isOneOf(DEPARTMENTS, d.department)) add('.department', 'invalid_choice', '请选择转介部门', 'Choose the department');
      if (blank(d.why)) add('.why', 'required', '请说明转介原因', 'Say why the family is referred');
      break;
    case 'countyCoordination':
      if (blank(d.summary)) add('.summary', 'required', '请说明需县级统筹解决的问题', 'Describe what the county must decide');
      break;
    case 'recheck':
    case 'close':
      if (blank(d.reason)) add('.reason', 'required', '请说明原因', 'A reason is required');
      break;
    case 'noHardship':
      break;
  }
  return e;
}

export function validateVisitRecord(v: VisitRecord, ctx: VisitValidationContext): FieldError[] {
  const limits = ctx.limits ?? DEFAULT_ATTACHMENT_LIMITS;
  const e: FieldError[] = [];
  const add = (f: string, code: string, zh: string, en: string) => e.push(fieldError(f, code, zh, en));

  if (!isUuid(v.clientId)) add('clientId', 'invalid_uuid', '记录编号缺失或格式错误（应由平板生成UUID）', 'clientId must be a UUID generated on the device');
  if (!isOneOf(VISIT_PURPOSES, v.purpose)) add('purpose', 'invalid_choice', '请选择走访类型', 'Choose the purpose of the visit');
  if (v.purpose === 'warningVerification' && blank(v.warningId)) add('warningId', 'required', '核实预警须关联预警', 'A warning verification must name its warning');
  if (v.purpose === 'householdSurvey' && blank(v.applicationId)) add('applicationId', 'required', '入户调查须关联申请', 'A household survey must name its application');

  if (!isIsoDate(v.visitedOn)) add('visitedOn', 'invalid_date', '请填写走访日期', 'Visit date is required (YYYY-MM-DD)');
  else if (compareDates(v.visitedOn, ctx.today) > 0) add('visitedOn', 'future_date', '走访日期不能晚于今天', 'The visit date cannot be in the future');

  const visitors = Array.isArray(v.visitors) ? v.visitors : [];
  visitors.forEach((p, i) => {
    if (blank(p?.userId) || blank(p?.name)) add(`visitors[${i}]`, 'required', '请填写走访人员', 'Visitor id and name are required');
  });
  const distinct = new Set(visitors.map((p) => p?.userId).filter((id) => !blank(id))).size;
  const needed = v.purpose === 'householdSurvey' ? MIN_SURVEY_VISITORS : 1;
  if (distinct < needed) {
    add('visitors', 'too_few_visitors', `${v.purpose === 'householdSurvey' ? '入户调查须有2名以上调查人员' : '请填写走访人员'}`,
      v.purpose === 'householdSurvey' ? 'A household survey needs at least 2 investigators' : 'At least one visitor is required');
  }

  const present = Array.isArray(v.present) ? v.present : [];
  if (present.length === 0) add('present', 'required', '请记录在场人员', 'Record who was present');
  present.forEach((p, i) => {
    if (blank(p?.name)) add(`present[${i}].name`, 'required', '请填写在场人员姓名', 'Name is required');
    if (blank(p?.role)) add(`present[${i}].role`, 'required', '请填写在场人员身份或与户主关系', 'Relation or role is required');
  });

  const findings = v.findings ?? {};
  for (const key of Object.keys(findings)) {
    if (!isOneOf(FINDING_SECTIONS, key)) add(`findings.${key}`, 'unknown_section', '未知的核实内容栏目', 'Unknown findings section');
  }
  const written = FINDING_SECTIONS.filter((s) => !blank(findings[s]));
  if (v.purpose === 'householdSurvey') {
    for (const s of SURVEY_REQUIRED_SECTIONS) {
      if (!written.includes(s)) add(`findings.${s}`, 'required', `入户调查须填写${SECTION_LABELS[s]}`, `A household survey must describe ${s}`);
    }
    if (v.surveyFormSigned !== true) add('surveyFormSigned', 'required', '入户调查表须经调查人员和申请人签字', 'The survey form must be signed');
  } else if (written.length === 0) {
    add('findings', 'required', '请至少填写一项核实情况', 'Write at least one findings section');
  }

  const attachments = Array.isArray(v.attachments) ? v.attachments : [];
  if (attachments.length > limits.maxCount) add('attachments', 'too_many_files', `附件不能超过${limits.maxCount}个`, `At most ${limits.maxCount} attachments`);
  let total = 0;
  const ids = new Set<string>();
  attachments.forEach((a, i) => {
    const f = `attachments[${i}]`;
    if (!isUuid(a?.clientId)) add(`${f}.clientId`, 'invalid_uuid', '附件编号应为UUID', 'Attachment clientId must be a UUID');
    else if (ids.has(a.clientId)) add(`${f}.clientId`, 'duplicate_attachment', '附件重复', 'Attachment listed twice');
    else ids.add(a.clientId);
    if (blank(a?.fileName)) add(`${f}.fileName`, 'required', '附件缺少文件名', 'File name is required');
    if (!limits.allowedTypes.includes(a?.mimeType)) add(`${f}.mimeType`, 'file_type_not_allowed', '不支持的附件类型（支持照片、PDF、录音）', `File type ${String(a?.mimeType)} is not allowed`);
    if (!Number.isInteger(a?.sizeBytes) || a.sizeBytes <= 0) add(`${f}.sizeBytes`, 'invalid_size', '附件大小无效', 'Invalid file size');
    else {
      if (a.sizeBytes > limits.maxFileBytes) add(`${f}.sizeBytes`, 'file_too_large', `单个附件不能超过${limits.maxFileBytes / 1024 / 1024}MB`, `Each file must be at most ${limits.maxFileBytes} bytes`);
      total += a.sizeBytes;
    }
  });
  if (total > limits.maxTotalBytes) add('attachments', 'total_too_large', `附件合计不能超过${limits.maxTotalBytes / 1024 / 1024}MB`, `Attachments must total at most ${limits.maxTotalBytes} bytes`);

  // A household survey belongs to an application already under way: it records findings and need not dispose.
  if (v.purpose !== 'householdSurvey' || v.disposition !== undefined) e.push(...validateDisposition(v.disposition));
  return e;
}
