// The one form (一件事一次办) as the page edits it ↔ the ApplicationForm the API takes. Members are rows with a
// local key (uid); everything that names a member (applicant, account holder, signers, incomes, person items)
// refers to that key and becomes the member's ID number only when sent. Amounts are typed in yuan.
import type { AreaType, DisabilityKind, Relation, SchoolStage } from '../../../../src/registry/vocabulary';
import { ITEM_KIND_INFO, ITEM_KINDS, type ItemKind, type TemporaryAssistanceType } from '../../../../src/casework/domain/items';
import type { AssetType, IncomeType, RigidExpenseType } from '../../../../src/casework/domain/application-form';
import type { ApplicationForm, ApplicationView, AttachmentUpload } from '../../api/casework';
import { pathSegments, type FormFieldPath } from '../../components/form-errors';
import { yuanToFen } from '../../format/money-input';

export interface MemberValues {
  uid: string;
  name?: string;
  idNumber?: string;
  /** A draft's member as the registry knows them: the masked number, to be typed in full with the family. */
  idNumberMasked?: string | null;
  relation?: Relation;
  schoolStage?: SchoolStage;
  disabilityKind?: DisabilityKind;
  disabilityGrade?: 1 | 2 | 3 | 4;
  seriousIllness?: boolean;
}

export interface ItemChoice {
  ticked?: boolean;
  /** Person items (特困, 医疗救助, 教育救助…): one item per member chosen. */
  memberUids?: string[];
  temporaryType?: TemporaryAssistanceType;
}

export interface ApplicationFormValues {
  applicantUid?: string;
  applicantPhone?: string;
  agentOn?: boolean;
  agent?: { name?: string; phone?: string; reason?: string };
  household: { regionCode?: string; areaType?: AreaType; address?: string };
  members: MemberValues[];
  incomes: { type?: IncomeType; amountYuan?: string | number | null; memberUid?: string; note?: string }[];
  assets: { type?: AssetType; valueYuan?: string | number | null; description?: string; memberUid?: string }[];
  rigidExpenses: { type?: RigidExpenseType; annualYuan?: string | number | null; description?: string; memberUid?: string }[];
  bank: { holderUid?: string; bankName?: string; accountNumber?: string };
  authorisation: { signedOn?: string | null; signedByUids?: string[] };
  items: Partial<Record<ItemKind, ItemChoice>>;
  attachments: AttachmentUpload[];
}

let uidSequence = 0;
export const newMemberUid = () => `m${++uidSequence}-${Math.random().toString(36).slice(2, 7)}`;

export function emptyApplicationForm(today: string): ApplicationFormValues {
  const head = newMemberUid();
  return {
    applicantUid: head,
    household: {},
    members: [{ uid: head, relation: 'head' }],
    incomes: [],
    assets: [],
    rigidExpenses: [],
    bank: { holderUid: head },
    authorisation: { signedOn: today, signedByUids: [head] },
    items: {},
    attachments: [],
  };
}

/** A draft a visit started: the household and members from the registry, the items the visit chose. */
export function draftToValues(app: Pick<ApplicationView, 'form' | 'members'>, today: string): ApplicationFormValues {
  const draft = (app.form ?? {}) as { household?: ApplicationFormValues['household']; items?: { kind: ItemKind }[] };
  const members: MemberValues[] = app.members.map((m) => ({
    uid: newMemberUid(), name: m.name, relation: (m.relation ?? undefined) as Relation | undefined, idNumberMasked: m.idNumberMasked,
  }));
  const head = members.find((m) => m.relation === 'head') ?? members[0];
  const items: ApplicationFormValues['items'] = {};
  for (const it of draft.items ?? []) {
    if (!(ITEM_KINDS as readonly string[]).includes(it.kind)) continue;
    items[it.kind] = { ticked: true, ...(ITEM_KIND_INFO[it.kind].scope === 'person' && head ? { memberUids: [head.uid] } : {}) };
  }
  return {
    ...emptyApplicationForm(today),
    applicantUid: head?.uid,
    household: { ...draft.household },
    members: members.length ? members : emptyApplicationForm(today).members,
    bank: { holderUid: head?.uid },
    authorisation: { signedOn: today, signedByUids: members.map((m) => m.uid) },
    items,
  };
}

const text = (s: string | undefined | null) => (s ?? '').trim();
const idText = (s: string | undefined) => text(s).toUpperCase();

/** Where each sent item came from, so an error about items[i] lands on that item's choice. */
export interface SentItem {
  kind: ItemKind;
}

export function formToApplication(values: ApplicationFormValues): { form: ApplicationForm; items: SentItem[] } {
  const byUid = new Map(values.members.map((m) => [m.uid, m]));
  const idOf = (uid: string | undefined) => (uid && byUid.has(uid) ? idText(byUid.get(uid)!.idNumber) : undefined);
  const applicant = values.applicantUid ? byUid.get(values.applicantUid) : undefined;
  const holder = values.bank.holderUid ? byUid.get(values.bank.holderUid) : undefined;
  const withMember = (uid: string | undefined) => (idOf(uid) ? { memberIdNumber: idOf(uid) } : {});
  // An amount that does not read as yuan goes as -1, which the shared rules refuse on its field.
  const fen = (v: string | number | null | undefined) => yuanToFen(v) ?? -1;

  const items: ApplicationForm['items'][number][] = [];
  const sent: SentItem[] = [];
  for (const kind of ITEM_KINDS) {
    const choice = values.items[kind];
    if (!choice?.ticked) continue;
    const extra = kind === 'temporaryAssistance' ? { temporaryAssistanceType: choice.temporaryType } : {};
    if (ITEM_KIND_INFO[kind].scope === 'person') {
      const uids = choice.memberUids?.length ? choice.memberUids : [undefined];
      for (const uid of uids) {
        items.push({ kind, ...withMember(uid), ...extra } as ApplicationForm['items'][number]);
        sent.push({ kind });
      }
    } else {
      items.push({ kind, ...extra } as ApplicationForm['items'][number]);
      sent.push({ kind });
    }
  }

  const form: ApplicationForm = {
    applicant: { name: text(applicant?.name), idNumber: idText(applicant?.idNumber), phone: text(values.applicantPhone) },
    ...(values.agentOn ? { agent: { name: text(values.agent?.name), phone: text(values.agent?.phone), reason: text(values.agent?.reason) } } : {}),
    household: { regionCode: values.household.regionCode ?? '', areaType: values.household.areaType as AreaType, address: text(values.household.address) },
    members: values.members.map((m) => ({
      name: text(m.name),
      idNumber: idText(m.idNumber),
      relation: m.relation as Relation,
      ...(m.schoolStage ? { schoolStage: m.schoolStage } : {}),
      ...(m.disabilityKind ? { disability: { kind: m.disabilityKind, grade: m.disabilityGrade as 1 | 2 | 3 | 4 } } : {}),
      ...(m.seriousIllness ? { seriousIllness: true } : {}),
    })),
    incomes: values.incomes.map((x) => ({ type: x.type as IncomeType, monthlyAmountFen: fen(x.amountYuan), ...withMember(x.memberUid), ...(text(x.note) ? { note: text(x.note) } : {}) })),
    assets: values.assets.map((x) => ({ type: x.type as AssetType, valueFen: fen(x.valueYuan), description: text(x.description), ...withMember(x.memberUid) })),
    rigidExpenses: values.rigidExpenses.map((x) => ({
      type: x.type as RigidExpenseType, annualAmountFen: fen(x.annualYuan), description: text(x.description), ...withMember(x.memberUid),
    })),
    bankAccount: {
      holderIdNumber: idOf(values.bank.holderUid) ?? '', holderName: text(holder?.name), bankName: text(values.bank.bankName),
      accountNumber: text(values.bank.accountNumber).replace(/\s+/g, ''),
    },
    authorisation: {
      signedOn: values.authorisation.signedOn ?? '',
      signedBy: (values.authorisation.signedByUids ?? []).map((uid) => idOf(uid)).filter((x): x is string => !!x),
    },
    items,
  };
  return { form, items: sent };
}

const MEMBER_FIELDS: Record<string, string> = { name: 'name', idNumber: 'idNumber', relation: 'relation', schoolStage: 'schoolStage' };
const AMOUNT_FIELDS: Record<string, string> = { monthlyAmountFen: 'amountYuan', valueFen: 'valueYuan', annualAmountFen: 'annualYuan', memberIdNumber: 'memberUid' };

/**
 * The form field that shows an error about `field` (a path in the form as sent; the server prefixes `form.`),
 * or null when no single field fits: the error is then listed above the form.
 */
export function applicationErrorField(field: string, sentItems: readonly SentItem[] = []): FormFieldPath | null {
  const parts = pathSegments(field.startsWith('form.') ? field.slice(5) : field);
  const [head = '', a, b, c] = parts;
  const index = a !== undefined && /^\d+$/.test(a) ? Number(a) : null;
  switch (head) {
    case 'applicant':
      return a === 'phone' ? ['applicantPhone'] : ['applicantUid'];
    case 'agent':
      return a === 'name' || a === 'phone' || a === 'reason' ? ['agent', a] : null;
    case 'household':
      return a === 'regionCode' || a === 'areaType' || a === 'address' ? ['household', a] : null;
    case 'members':
      if (index === null) return null;
      if (b === 'disability') return ['members', index, c === 'grade' ? 'disabilityGrade' : 'disabilityKind'];
      return b && MEMBER_FIELDS[b] ? ['members', index, MEMBER_FIELDS[b]] : null;
    case 'incomes':
    case 'assets':
    case 'rigidExpenses':
      if (index === null || !b) return null;
      return [head, index, AMOUNT_FIELDS[b] ?? b];
    case 'bankAccount':
      return a === 'bankName' || a === 'accountNumber' ? ['bank', a] : ['bank', 'holderUid'];
    case 'authorisation':
      return a === 'signedOn' ? ['authorisation', 'signedOn'] : ['authorisation', 'signedByUids'];
    case 'items': {
      const kind = index !== null ? sentItems[index]?.kind : undefined;
      if (!kind) return null;
      return ['items', kind, b === 'temporaryAssistanceType' ? 'temporaryType' : ITEM_KIND_INFO[kind].scope === 'person' ? 'memberUids' : 'ticked'];
    }
    case 'attachments':
      return ['attachments'];
    default:
      return null;
  }
}
