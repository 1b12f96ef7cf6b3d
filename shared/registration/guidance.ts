/**
 * What a family should do next, for every status of its registration (issue 17, defect 5): while
 * it is reviewed, which documents are still missing and until when they can be uploaded; once
 * approved, when the bureau draws and publishes (the bureau's dates); after a refusal, a 统筹
 * place or a voiding, whom to contact and what can still be asked for. Plain sentences the page
 * shows as they are; the figures come from the bureau's settings.
 */
import type { CstDate } from '../brand';
import { stageLabels, type PolicySettings } from '../settings';
import { cstDateLabel } from '../time';
import { documentsMissing } from './documents';
import type { Registration } from './types';

export interface RegistrationGuidance {
  /** One line saying where the registration stands. */
  readonly title: string;
  /** What happens next and what the family can do, in order. */
  readonly steps: readonly string[];
  /** Whom to ask (the school, the bureau's enrollment office), when known. */
  readonly contact: string | null;
  /** Required documents not uploaded yet. */
  readonly missing: readonly { readonly slot: string; readonly label: string }[];
  /** The last day missing documents can be uploaded from the registration's page (缺件先报), or null. */
  readonly uploadUntil: CstDate | null;
  /** A withdrawn registration: the family may register the child again while the window is open. */
  readonly canRegisterAgain: boolean;
  /** The family's own newer registration of the same child (registered again), to link to. */
  readonly againId: string | null;
}

export interface GuidanceFacts {
  readonly today: CstDate;
  readonly schoolName: string;
  /** The school's contact (its principal), if known. */
  readonly schoolContact: string | null;
  /** For a published result: the last day to ask for a review (复核). */
  readonly appealClosesOn: CstDate | null;
  /** The school the family was placed at by 统筹, by name. */
  readonly placedSchoolName: string | null;
  /**
   * The day this stage's formal draw was published, when it has been: a registration approved
   * after it took no part in the draw, and its family must not be sent to wait for it.
   */
  readonly drawPublishedOn: CstDate | null;
}

/** Statuses in which missing documents can still be uploaded from the registration's page. */
export const documentsUploadStatuses = [
  'pending_review',
  'first_approved',
  'needs_more',
  'approved',
] as const;

/** Statuses whose next steps change once the stage's draw is published without the child in it. */
export const lateApprovalStatuses = ['pending_review', 'first_approved', 'approved'] as const;

/** Whether the bureau's 缺件先报 setting lets missing documents come after the submit today. */
export function documentsLateAllowed(s: PolicySettings, today: CstDate): boolean {
  return s.missingDocumentsUntil !== null && today <= s.missingDocumentsUntil;
}

export function registrationGuidance(
  r: Registration,
  s: PolicySettings,
  facts: GuidanceFacts,
): RegistrationGuidance {
  const missing = documentsMissing(r.form, new Set(Object.keys(r.documents))).map((d) => ({
    slot: d.key,
    label: d.label,
  }));
  const canUpload =
    missing.length > 0 &&
    (documentsUploadStatuses as readonly string[]).includes(r.status) &&
    documentsLateAllowed(s, facts.today);
  const uploadUntil = canUpload ? s.missingDocumentsUntil : null;
  const hotline = s.enrollmentHotline.trim();
  const office = hotline ? `县教育局招生办公室（电话 ${hotline}）` : '县教育局招生办公室';
  const school = facts.schoolContact ?? facts.schoolName;
  const dates = s.placementDates[r.stage];
  const last = r.history[r.history.length - 1];
  const windowOpen = facts.today >= s.registrationOpens && facts.today <= s.registrationCloses;
  const missingStep =
    missing.length === 0
      ? []
      : uploadUntil
        ? [
            `还缺少${missing.length}份材料：${missing.map((m) => m.label).join('、')}。请在${cstDateLabel(uploadUntil)}前在本页上传，学校会看到补传的材料。`,
          ]
        : [`还缺少${missing.length}份材料：${missing.map((m) => m.label).join('、')}。请联系学校补交。`];
  const placementSteps = [
    `${cstDateLabel(dates.draw)}：教育局进行电脑派位。报名人数不超过学位时全部录取；超过时按类别顺序录取，同一类别排不下的由公开摇号决定。`,
    `${cstDateLabel(dates.publish)}：公布录取结果。届时在本页查看录取学校和录取理由，并确认接受学位；对结果有疑问的，可在公布后${s.appealDays}天内申请复核。`,
  ];
  const base = { contact: null, missing, uploadUntil, canRegisterAgain: false, againId: null };
  const after = facts.drawPublishedOn;
  const lateStep = after
    ? `本年度${stageLabels[r.stage]}电脑派位已于${cstDateLabel(after)}公布，这次报名没有参加派位；审核通过后由教育局在有空余学位的学校中就近统筹安排，结果会发到“消息”中并显示在本页。`
    : null;

  switch (r.status) {
    case 'draft':
    case 'submitted':
    case 'pending_review':
    case 'first_approved':
      return {
        ...base,
        title: `${facts.schoolName}正在审核报名材料。`,
        steps: [
          ...missingStep,
          '审核结果会发到“消息”中，并显示在本页；需要补充材料时，学校会写明要补什么和截止日期。',
          lateStep ??
            `审核通过后：${cstDateLabel(dates.draw)}电脑派位，${cstDateLabel(dates.publish)}公布录取结果。`,
        ],
        contact: school,
      };
    case 'needs_more':
      return {
        ...base,
        title: '学校请您补充或修改材料。',
        steps: [
          ...missingStep,
          last?.deadline
            ? `请在${cstDateLabel(last.deadline)}前点“修改并重新提交”，按学校的意见修改后重新提交。`
            : '请点“修改并重新提交”，按学校的意见修改后重新提交。',
          '逾期未提交的，请联系学校。',
        ],
        contact: school,
      };
    case 'approved':
    case 'awaiting_placement':
      if (r.status === 'approved' && after)
        return {
          ...base,
          title: '报名已审核通过，由教育局统筹安排学位。',
          steps: [
            ...missingStep,
            `本年度${stageLabels[r.stage]}电脑派位已于${cstDateLabel(after)}公布，这次报名审核通过在派位之后，没有参加派位。`,
            '教育局会在有空余学位的学校中就近统筹安排学位，安排结果会发到“消息”中并显示在本页。',
          ],
          contact: office,
        };
      return {
        ...base,
        title:
          r.status === 'approved'
            ? `报名已审核通过，等待${stageLabels[r.stage]}学位分配。`
            : '报名名单已冻结，等待电脑派位结果。',
        steps: [...missingStep, ...placementSteps],
        contact: office,
      };
    case 'admitted':
      return {
        ...base,
        title: `已录取到${facts.placedSchoolName ?? facts.schoolName}。`,
        steps: [
          '请查看下方的报到日期和需携带的材料，并确认接受学位。',
          ...(facts.appealClosesOn
            ? [`对录取结果有疑问的，可在${cstDateLabel(facts.appealClosesOn)}前申请复核。`]
            : []),
        ],
        contact: office,
      };
    case 'coordinating':
      return {
        ...base,
        title: '所报学校学位已满，未被录取，由教育局统筹安排学位。',
        steps: [
          facts.placedSchoolName
            ? `教育局拟统筹安排到${facts.placedSchoolName}（有空余学位的最近学校），具体安排会发到“消息”中。`
            : '教育局会在有空余学位的学校中就近统筹安排，具体安排会发到“消息”中。',
          ...(facts.appealClosesOn
            ? [`对派位结果有疑问的，可在${cstDateLabel(facts.appealClosesOn)}前在本页申请复核。`]
            : []),
        ],
        contact: office,
      };
    case 'rejected':
      return {
        ...base,
        title: '报名未通过审核。',
        steps: [
          '未通过的原因见上方。',
          `如认为审核有误，请携带户口簿、房产证明或居住证等原件到${facts.schoolName}当面说明，学校核实后会重新处理。`,
          `不符合本学区入学条件的适龄儿童，由教育局统筹安排到有空余学位的学校，请联系${office}。`,
        ],
        contact: `${school}；${office}`,
      };
    case 'withdrawn':
      return {
        ...base,
        missing: [],
        uploadUntil: null,
        title: '报名已撤回，孩子可以重新报名。',
        steps: windowOpen
          ? [
              `报名截止到${cstDateLabel(s.registrationCloses)}。如仍需入学，请点“重新报名”，原报名填写的内容会带入新表（材料需重新上传），可修改后提交。`,
            ]
          : [`报名时间已过（${cstDateLabel(s.registrationCloses)}截止），如仍需入学请联系${office}。`],
        canRegisterAgain: windowOpen,
        contact: office,
      };
    case 'voided':
      return {
        ...base,
        missing: [],
        uploadUntil: null,
        title: '该报名经核实后已作废。',
        steps: [
          '学校或教育局查验户口簿和出生医学证明后认定此报名不是由儿童的监护人提交（冒名或误报），作废原因见上方。',
          `如有异议，请携带户口簿和出生医学证明原件到${facts.schoolName}或县教育局说明。`,
        ],
        contact: `${school}；${office}`,
      };
    case 'reported':
      return { ...base, title: '已报到入学。', steps: ['分班结果公布后会显示在本页。'], contact: school };
  }
}
