/**
 * The permission matrix as data: for every action, whose data each allowed role reaches, and
 * every payload field that names a record with the kind of record it names. The role check is the
 * one shared guard in `dispatch`; the reach is enforced inside the action from the trusted caller
 * (OPENID, binding — see `reach.ts`), never from a request field.
 *
 * Tests are generated from this table and the action definitions (`tests/security/`): an action
 * without a row, a row whose roles differ from the definition's, or an id-like payload field not
 * listed here fails the build; every allowed cell is called with ids inside and outside its reach
 * (refused ones must change nothing), and every answer is searched for other people's data.
 * `docs/permissions.md` is generated from it (`npm run docs:permissions`).
 */
import type { Role } from '../../shared/identity/roles';

/**
 * own: the caller's own records (their registrations, drafts, uploads, inbox, staff record);
 * school: the school of the caller's binding; county: the whole county (the bureau); public:
 * what every user may see (the school list, the registration settings).
 */
export type Reach = 'own' | 'school' | 'county' | 'public';

/**
 * What a payload id names. registration / school / teacher / file: records that belong to
 * someone, checked against the caller's reach. draft: a name inside the caller's own drafts
 * (another family's draft id names an empty draft of the caller's). student: a child inside the
 * caller's school's class plan. choice: a public record the caller picks (the school a family
 * applies to). record: a county record only the bureau handles (zone, census entry, invite code).
 */
export type IdKind =
  'registration' | 'school' | 'teacher' | 'file' | 'draft' | 'student' | 'choice' | 'record';

export interface ActionScope {
  /** Whose data each role reaches: exactly the roles the action's definition allows. */
  readonly reach: Readonly<Partial<Record<Role, Reach>>>;
  /** Payload fields naming a record (`a.b`, `list[].id`), and what they name. */
  readonly ids?: Readonly<Record<string, IdKind>>;
  /** What the reach means here when the label alone says too little (Chinese / English). */
  readonly note?: string;
}

const county = { bureau: 'county' } as const;
const staffSchool = { principal: 'school', reviewer: 'school' } as const;
const everyoneOwn = {
  parent: 'own',
  teacher: 'own',
  reviewer: 'own',
  principal: 'own',
  bureau: 'own',
} as const;
const parentOwn = { parent: 'own' } as const;
const principalSchool = { principal: 'school' } as const;
const teacherOwn = { teacher: 'own' } as const;
const form = { 'form.schoolId': 'choice', 'form.siblings[].schoolId': 'choice' } as const;

export const actionScopes: Readonly<Record<string, ActionScope>> = {
  'auth.whoami': { reach: everyoneOwn },
  'auth.createInvite': { reach: county, ids: { schoolId: 'school', teacherId: 'teacher' } },
  'auth.redeemInvite': {
    reach: everyoneOwn,
    ids: { code: 'record' },
    note: '一次性、有时限的邀请码 / one-time expiring code',
  },
  'county.schools': {
    reach: { parent: 'public', teacher: 'public', reviewer: 'public', principal: 'public', bureau: 'public' },
  },
  'county.zones': { reach: county },
  'county.updateZone': { reach: county, ids: { id: 'record', schoolIds: 'school' } },
  'county.overview': { reach: county, note: '含今日审计日志末条哈希 / with today’s audit head' },
  'county.dashboard': { reach: county },
  'county.schoolView': { reach: principalSchool },
  'county.record': {
    reach: county,
    ids: { id: 'record' },
    note: '督导规则涉及的记录，身份证号遮盖 / records behind findings, IDs masked',
  },
  'county.census': { reach: county, note: '适龄儿童名册 / census roster' },
  'county.censusFollowUp': { reach: county, ids: { id: 'record' }, note: '适龄儿童名册 / census roster' },
  'county.setEntryClasses': { reach: { principal: 'school', bureau: 'county' }, ids: { schoolId: 'school' } },
  'county.setReviewLevels': { reach: county },
  'county.setMissingDocuments': { reach: county, note: '缺件先报 / late documents' },
  'county.me': {
    reach: { teacher: 'own', reviewer: 'own', principal: 'own' },
    note: '本人教师档案 / own staff record',
  },
  'classing.plan': { reach: { principal: 'school', bureau: 'county' }, ids: { schoolId: 'school' } },
  'classing.useAdmitted': { reach: principalSchool },
  'classing.run': { reach: principalSchool },
  'classing.swap': { reach: principalSchool, ids: { a: 'student', b: 'student' } },
  'classing.homeroom': { reach: principalSchool, ids: { teacherIds: 'teacher' } },
  'classing.late': { reach: principalSchool, ids: { 'student.id': 'student' } },
  'classing.publish': { reach: principalSchool },
  'placement.status': { reach: county },
  'placement.finalRun': { reach: county },
  'placement.frozenList': { reach: county },
  'placement.freeze': { reach: county },
  'placement.run': { reach: county },
  'placement.publish': { reach: county },
  'placement.noticeSettings': { reach: county },
  'placement.setNotice': { reach: county },
  'placement.appeals': { reach: county },
  'placement.appealAnswer': { reach: county, ids: { id: 'registration' } },
  'placement.arrangeList': {
    reach: county,
    note: '派位结果公布后待统筹安排的儿童 / children waiting for a seat',
  },
  'placement.arrange': {
    reach: county,
    ids: { registrationId: 'registration', schoolId: 'school' },
    note: '派位结果公布后统筹安排学位 / a seat for a child left without one',
  },
  'registration.context': { reach: { parent: 'public' }, note: '报名设置 / registration settings' },
  'registration.saveDraft': { reach: parentOwn, ids: { draftId: 'draft', ...form } },
  'registration.getDraft': { reach: parentOwn, ids: { draftId: 'draft' } },
  'registration.listMine': { reach: parentOwn },
  'registration.get': {
    reach: { parent: 'own', ...staffSchool, bureau: 'county' },
    ids: { id: 'registration' },
    note: '学校：报本校的报名 / school: registrations made to it',
  },
  'registration.queue': { reach: staffSchool },
  'registration.subscribe': { reach: parentOwn },
  'registration.notices': { reach: everyoneOwn, note: '本人消息 / own inbox' },
  'registration.submit': { reach: parentOwn, ids: { draftId: 'draft', ...form } },
  'registration.resubmit': { reach: parentOwn, ids: { id: 'registration', draftId: 'draft', ...form } },
  'registration.withdraw': { reach: parentOwn, ids: { id: 'registration' } },
  'registration.retention': { reach: county, note: '保存期满后删除上传材料 / documents after retention' },
  'registration.discardDraft': {
    reach: parentOwn,
    ids: { draftId: 'draft' },
    note: '草稿及其上传文件 / a draft and its uploads',
  },
  'registration.admission': { reach: parentOwn, ids: { id: 'registration' } },
  'registration.accept': { reach: parentOwn, ids: { id: 'registration' } },
  'registration.appeal': { reach: parentOwn, ids: { id: 'registration', fileId: 'file' } },
  'registration.appealDocumentLink': {
    reach: { parent: 'own', bureau: 'county' },
    ids: { id: 'registration' },
    note: '复核材料 / review attachments',
  },
  'registration.review': { reach: staffSchool, ids: { id: 'registration' } },
  'registration.void': {
    reach: { principal: 'school', bureau: 'county' },
    ids: { id: 'registration' },
    note: '作废冒名或误报的报名 / void a registration made by the wrong account',
  },
  'registration.byChild': {
    reach: county,
    note: '按户口簿上的身份证号查找儿童的报名（身份证号遮盖，查找记入审计） / a child’s registrations by ID number, masked, audited',
  },
  'registration.guidance': { reach: parentOwn, ids: { id: 'registration' } },
  'registration.addDocument': { reach: parentOwn, ids: { id: 'registration', fileId: 'file' } },
  'registration.bulkApprove': { reach: staffSchool, ids: { 'items[].id': 'registration' } },
  'registration.attachDocument': { reach: parentOwn, ids: { draftId: 'draft', fileId: 'file' } },
  'registration.detachDocument': { reach: parentOwn, ids: { draftId: 'draft' } },
  'registration.registerCloudFile': {
    reach: parentOwn,
    ids: { fileId: 'file' },
    note: '本人上传的文件 / own uploads',
  },
  'registration.documentLink': {
    reach: { parent: 'own', ...staffSchool, bureau: 'county' },
    ids: { registrationId: 'registration', draftId: 'draft' },
    note: '报名材料 / registration documents',
  },
  'registration.capacity': { reach: { ...staffSchool, bureau: 'county' }, ids: { schoolId: 'school' } },
  'reports.exportList': {
    reach: { ...staffSchool, bureau: 'county' },
    ids: { schoolId: 'school' },
    note: '名单导出，身份证号与电话遮盖（教育局可为学籍导出完整号码，记录用途） / list export, IDs and phones masked',
  },
  'reports.zonesExport': { reach: county },
  'reports.zonesImport': { reach: county },
  'reports.classingTemplate': { reach: principalSchool },
  'reports.classingImport': { reach: principalSchool },
  'reports.classingExport': { reach: { principal: 'school', bureau: 'county' }, ids: { schoolId: 'school' } },
  'reports.staffExport': { reach: county },
  'reports.staffImport': { reach: county },
  'reports.censusImport': {
    reach: county,
    note: '适龄儿童名册，按身份证号合并 / census roster, merged by ID number',
  },
  'reports.censusReplacePreview': {
    reach: county,
    note: '适龄儿童名册，将移出的儿童（身份证号遮盖） / census roster, who would be removed, IDs masked',
  },
  'reports.censusReplace': {
    reach: county,
    note: '适龄儿童名册，确认后替换，移出留痕 / census roster, confirmed replace, audited',
  },
  'reports.censusTemplate': { reach: county, note: '导入模板，无数据 / empty template' },
  'reports.censusExport': {
    reach: county,
    note: '适龄儿童名册，含完整身份证号以便修改后导入，下载留痕 / census roster with full IDs for re-import, audited',
  },
  'reports.oversightExport': {
    reach: county,
    note: '督导报表，不含身份证号 / inspection workbook, no ID numbers',
  },
  'rotation.preview': {
    reach: county,
    ids: { 'adjustments[].teacherId': 'teacher', 'adjustments[].to': 'school' },
  },
  'rotation.publish': {
    reach: county,
    ids: { 'adjustments[].teacherId': 'teacher', 'adjustments[].to': 'school' },
  },
  'rotation.record': { reach: county },
  'rotation.answer': { reach: county, ids: { teacherId: 'teacher' } },
  'rotation.finalise': { reach: county },
  'rotation.rules': { reach: county, note: '交流规则 / rotation rules' },
  'rotation.setRules': { reach: county, note: '交流规则 / rotation rules' },
  'rotation.mine': { reach: teacherOwn },
  'rotation.acknowledge': { reach: teacherOwn },
  'rotation.object': { reach: teacherOwn },
  'rotation.report': { reach: teacherOwn },
  'rotation.subscribe': { reach: teacherOwn },
  'rotation.school': { reach: principalSchool },
  'rotation.nominate': { reach: principalSchool, ids: { teacherId: 'teacher' } },
  'rotation.unnominate': { reach: principalSchool, ids: { teacherId: 'teacher' } },
  'rotation.schoolPublicity': { reach: principalSchool },
};
