/**
 * One valid payload per action, for the generated matrix test (`matrix.test.ts`): the test swaps
 * each id field for records inside and outside the caller's reach. A new action without a sample
 * here fails that test. Payloads that change state use version 999 where they can, so an allowed
 * call stops at the version check (after the reach check) instead of changing the world.
 */
import { formMake } from '../helpers/forms';
import type { World } from '../helpers/world';
import { defaultRotationSettings, rotationSettingsShown } from '../../shared/rotation/eligibility';

export interface Sample {
  readonly payload: (w: World) => Record<string, unknown>;
  /**
   * Answers an allowed call may give for reasons of state, not of reach (e.g. NOT_FOUND: no
   * objection to answer). Every other allowed call must not answer FORBIDDEN or NOT_FOUND.
   */
  readonly stateful?: readonly string[];
  /** Id fields left as given (a bureau-only field whose record must match another field). */
  readonly fixed?: readonly string[];
}

const s = (payload: Sample['payload'], more: Omit<Sample, 'payload'> = {}): Sample => ({ payload, ...more });
const none = s(() => ({}));
const form = (w: World) => formMake({ childName: w.own.childName, idNumber: w.own.idNumber });

export const samples: Readonly<Record<string, Sample>> = {
  'auth.whoami': none,
  'auth.createInvite': s((w) => ({
    role: 'teacher',
    schoolId: 'p01',
    teacherId: w.teachers.ownSchool,
    displayName: '新教师',
  })),
  'auth.redeemInvite': s(() => ({ code: 'ABCDEFGHJK' })),
  'county.schools': none,
  'county.zones': none,
  'county.updateZone': s(() => ({ id: 'no-such-zone', name: '学区', schoolIds: 'p01', communities: '' }), {
    stateful: ['NOT_FOUND'],
    fixed: ['schoolIds'],
  }),
  'county.overview': none,
  'county.dashboard': none,
  'county.schoolView': none,
  'county.record': s((w) => ({ kind: 'registration', id: w.own.id }), { stateful: ['NOT_FOUND'] }),
  'county.census': none,
  'county.censusFollowUp': s(() => ({ id: '2027-none', text: '电话联系家长' }), { stateful: ['NOT_FOUND'] }),
  'county.setEntryClasses': s(() => ({ schoolId: 'p01', entryClasses: 4 })),
  'county.setReviewLevels': s(() => ({ twoLevel: false })),
  'county.setMissingDocuments': s(() => ({ until: null })),
  'county.me': none,
  'classing.plan': s(() => ({ schoolId: 'p01' })),
  'classing.useAdmitted': s(() => ({ version: 999 })),
  'classing.run': s(() => ({ version: 999, classes: 2, cap: 45, seed: '1' })),
  'classing.swap': s(() => ({ version: 999, a: 'x', b: 'y', apply: false })),
  'classing.homeroom': s((w) => ({ version: 999, teacherIds: [w.teachers.ownSchool], seed: '1' })),
  'classing.late': s(() => ({ version: 999, student: { id: 'late-1', name: '晚到', gender: 'M' } })),
  'classing.publish': s(() => ({ version: 999 })),
  'placement.status': s(() => ({ stage: 'primary' })),
  'placement.finalRun': s(() => ({ stage: 'primary' })),
  'placement.frozenList': s(() => ({ stage: 'primary' }), { stateful: ['NOT_FOUND'] }),
  'placement.freeze': s(() => ({ stage: 'primary' })),
  'placement.run': s(() => ({ stage: 'primary', seed: '1', dryRun: true })),
  'placement.publish': s(() => ({ stage: 'primary' })),
  'placement.noticeSettings': none,
  'placement.setNotice': s(() => ({
    reportDate: { primary: '2027-08-30', junior: '2027-08-30' },
    bring: ['户口簿'],
    appealDays: 5,
  })),
  'placement.appeals': none,
  'placement.appealAnswer': s((w) => ({ id: w.own.id, outcome: 'dismissed', text: '经复核，结果无误。' })),
  'placement.arrangeList': s(() => ({ stage: 'primary' })),
  'placement.arrange': s((w) => ({
    registrationId: w.own.id,
    version: 1,
    schoolId: 'p01',
    reason: '就近统筹安排学位',
  })),
  'registration.context': none,
  'registration.saveDraft': s((w) => ({ draftId: 'draft-x', form: form(w) })),
  'registration.getDraft': s(() => ({ draftId: 'draft-x' }), { stateful: ['NOT_FOUND'] }),
  'registration.listMine': none,
  'registration.get': s((w) => ({ id: w.own.id })),
  'registration.queue': none,
  'registration.subscribe': s(() => ({ accepted: true })),
  'registration.notices': none,
  // The child is registered already: an allowed submit is refused as a duplicate, not for reach.
  'registration.submit': s((w) => ({ draftId: 'draft-x', form: form(w), schoolTypeConfirmed: true })),
  'registration.resubmit': s((w) => ({ id: w.own.id, version: 999, draftId: 'draft-x', form: form(w) })),
  'registration.withdraw': s((w) => ({ id: w.own.id, version: 999 })),
  'registration.retention': s(() => ({ dryRun: true })),
  'registration.discardDraft': s(() => ({ draftId: 'draft-x' }), { stateful: ['NOT_FOUND'] }),
  'registration.admission': s((w) => ({ id: w.own.id })),
  'registration.accept': s((w) => ({ id: w.own.id })),
  'registration.appeal': s((w) => ({ id: w.own.id, text: '我们认为派位结果有误，请复核。', fileId: 'x' })),
  'registration.appealDocumentLink': s((w) => ({ id: w.own.id })),
  'registration.review': s((w) => ({ id: w.own.id, version: 999, decision: 'approve' })),
  'registration.void': s((w) => ({ id: w.own.id, version: 999, reason: '已查验户口簿和出生医学证明' })),
  'registration.guidance': s((w) => ({ id: w.own.id })),
  'registration.byChild': s((w) => ({ idNumber: w.own.idNumber })),
  'registration.addDocument': s((w) => ({ id: w.own.id, version: 999, slot: 'hukou_front', fileId: 'x' })),
  'registration.bulkApprove': s((w) => ({ items: [{ id: w.own.id, version: 999 }] })),
  'registration.attachDocument': s(() => ({ draftId: 'draft-x', slot: 'birth_certificate', fileId: 'x' })),
  'registration.detachDocument': s(() => ({ draftId: 'draft-x', slot: 'birth_certificate' })),
  'registration.registerCloudFile': s(() => ({
    fileId: 'cloud://env/x.jpg',
    sha256: 'c'.repeat(64),
    size: 1000,
    mime: 'image/jpeg',
  })),
  'registration.documentLink': s((w) => ({ registrationId: w.own.id, slot: 'hukou_front' })),
  'registration.capacity': s(() => ({ schoolId: 'p01' })),
  'reports.exportList': s(() => ({ schoolId: 'p01', list: 'all' })),
  'reports.zonesExport': none,
  'reports.zonesImport': s(() => ({ base64: '' })),
  'reports.classingTemplate': none,
  'reports.classingImport': s(() => ({ version: 999, base64: '' })),
  'reports.classingExport': s(() => ({ schoolId: 'p01' })),
  'reports.staffExport': none,
  'reports.staffImport': s(() => ({ base64: '' })),
  'reports.censusImport': s(() => ({ base64: '' })),
  'reports.censusReplacePreview': s(() => ({ base64: '' })),
  'reports.censusReplace': s(() => ({ base64: '', confirm: '0'.repeat(64) })),
  'reports.censusTemplate': none,
  'reports.censusExport': none,
  'reports.oversightExport': none,
  'rotation.preview': s((w) => ({ adjustments: [{ teacherId: w.teachers.ownSchool, to: 'p01' }] })),
  // Taking a teacher off the plan never breaks a hard rule of the record; nothing is published:
  // the adjustment names a teacher that must exist, and publishing waits for its own tests.
  'rotation.publish': s(
    (w) => ({ adjustments: [{ teacherId: w.teachers.ownSchool, to: 'no-such-school' }] }),
    {
      fixed: ['adjustments[].to'],
    },
  ),
  'rotation.record': none,
  'rotation.answer': s((w) => ({ teacherId: w.teachers.ownSchool, upheld: false, text: '维持原方案。' }), {
    stateful: ['NOT_FOUND'],
  }),
  'rotation.finalise': none,
  'rotation.rules': none,
  'rotation.setRules': s(() => rotationSettingsShown(defaultRotationSettings)),
  'rotation.mine': none,
  'rotation.acknowledge': none,
  'rotation.object': s(() => ({ text: '家中有困难，申请暂缓。' })),
  'rotation.report': none,
  'rotation.subscribe': s(() => ({ accepted: true })),
  'rotation.school': none,
  'rotation.nominate': s((w) => ({ teacherId: w.teachers.ownSchool, kind: 'self', note: '本人申请' })),
  'rotation.unnominate': s((w) => ({ teacherId: w.teachers.ownSchool })),
  'rotation.schoolPublicity': s(() => ({ note: '校内公示栏', from: '2027-05-10', to: '2027-05-15' })),
};
