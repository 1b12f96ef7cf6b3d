/**
 * A small county in which every cell of the permission matrix has something to reach and
 * something to be kept from: two families, three registrations (the first family's at p01,
 * the second family's at p01 and at p02), each with a document, placed by a published draw and
 * under review (复核) with an attachment; an open draft per family; teachers at p01 and p02.
 * Every record carries a marker (a child's name, an ID number, a file id) so any answer can be
 * searched for data outside the caller's reach.
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { RegistrationView } from '../../shared/api';
import type { Role } from '../../shared/identity/roles';
import { cloudCollections } from '../../server/store/cloudbaseCollections';
import { pgliteStore } from '../../server/store/pglite';
import { pgliteMigrate } from '../../server/store/pgliteStart';
import { dbFingerprint } from './fingerprint';
import { communityOf, formMake } from './forms';
import {
  ADMIN,
  cloudTestsOn,
  harnessOpen,
  OTHER_PARENT,
  PARENT,
  PRINCIPAL,
  TEACHER,
  type CloudHarness,
  type Harness,
} from './harness';
import { idNumberMake } from './ids';

export const REVIEWER = 'demo-reviewer-p01';

/** The caller who plays each role: the first family, and staff of p01. */
export const callerOf: Readonly<Record<Role, string>> = {
  parent: PARENT,
  teacher: TEACHER,
  reviewer: REVIEWER,
  principal: PRINCIPAL,
  bureau: ADMIN,
};

/** A registration of the world with what marks it. */
export interface WorldRegistration {
  readonly id: string;
  readonly childName: string;
  readonly idNumber: string;
  readonly fileIds: readonly string[];
}

export interface World {
  readonly h: Harness;
  /** A digest of the whole database (PGlite tables, or every CloudBase collection of the double). */
  fingerprint(): Promise<string>;
  /** A digest of the second family's drafts. */
  otherDrafts(): Promise<string>;
  /** The first family's child at p01 (PARENT). */
  readonly own: WorldRegistration;
  /** The second family's child at p01 (OTHER_PARENT): same school, another family. */
  readonly sameSchool: WorldRegistration;
  /** The second family's child at p02: another school, another family. */
  readonly otherSchool: WorldRegistration;
  /** Open drafts: their child names mark them (no one but the family may see a draft). */
  readonly drafts: { readonly own: WorldRegistration; readonly other: WorldRegistration };
  readonly teachers: { readonly ownSchool: string; readonly otherSchool: string };
  /** A fresh upload of a family (each call a new file, so consuming one leaves the rest). */
  upload(owner: string): Promise<string>;
  /** A fresh draft of the first family with a document attached. */
  draft(): Promise<string>;
}

const NOW = new Date('2027-05-10T02:00:00Z');

/**
 * Opens the world on PGlite, or — in the "cloud" jest project — on the CloudBase adapter over the
 * SDK double, so the same cells also check the cloud adapter's queries.
 */
export async function worldOpen(): Promise<World> {
  const db = cloudTestsOn() ? null : await PGlite.create();
  if (db) await pgliteMigrate(db);
  const h = await harnessOpen(NOW, db ? pgliteStore(db) : undefined);
  const digest = (docs: unknown) => createHash('sha256').update(JSON.stringify(docs)).digest('hex');
  const cloud = db ? null : (h as CloudHarness).cloud;
  const fingerprint = async () =>
    db ? dbFingerprint(db) : digest(cloudCollections.map((c) => [c, cloud?.db.dump(c)]));
  const otherDrafts = async () => {
    if (!db) return digest(cloud?.db.dump('drafts').filter((d) => d['ownerOpenid'] === OTHER_PARENT));
    const r = await db.query<{ d: string }>(
      "SELECT md5(coalesce(string_agg(doc::text, '|' ORDER BY id), '')) AS d FROM drafts WHERE owner = $1",
      [OTHER_PARENT],
    );
    return r.rows[0]?.d ?? '';
  };
  let files = 0;
  const upload = async (owner: string) => {
    files += 1;
    const fileId = `cloud://env/${owner}-file-${files}.jpg`;
    await h.data(owner, 'registration', 'registerCloudFile', {
      fileId,
      sha256: files.toString(16).padStart(64, '0'),
      size: 1000,
      mime: 'image/jpeg',
    });
    return fileId;
  };
  const draftWith = async (
    owner: string,
    draftId: string,
    childName: string,
    idNumber: string,
    schoolId: string,
  ) => {
    const fileId = await upload(owner);
    await h.data(owner, 'registration', 'saveDraft', {
      draftId,
      form: formMake({ schoolId, community: communityOf(schoolId), childName, idNumber }),
    });
    await h.data(owner, 'registration', 'attachDocument', { draftId, slot: 'hukou_front', fileId });
    return fileId;
  };
  const register = async (owner: string, n: number, childName: string, schoolId: string) => {
    const idNumber = idNumberMake('2020-06-06', 700 + n);
    const draftId = `draft-world-${n}`;
    const fileId = await draftWith(owner, draftId, childName, idNumber, schoolId);
    const r = await h.data<RegistrationView>(owner, 'registration', 'submit', {
      draftId,
      form: formMake({ schoolId, community: communityOf(schoolId), childName, idNumber }),
      schoolTypeConfirmed: true,
    });
    return { id: r.id, childName, idNumber, fileIds: [fileId], version: r.version };
  };

  const own = await register(PARENT, 1, '甲本家', 'p01');
  const sameSchool = await register(OTHER_PARENT, 2, '乙同校', 'p01');
  const otherSchool = await register(OTHER_PARENT, 3, '丙他校', 'p02');
  for (const r of [own, sameSchool])
    await h.data(PRINCIPAL, 'registration', 'review', { id: r.id, version: r.version, decision: 'approve' });
  // No demo account works at p02: approve as the school would.
  await h.store.transitionRegistration(otherSchool.id as never, otherSchool.version, {
    from: 'pending_review',
    to: 'approved',
    at: NOW.toISOString(),
    by: { kind: 'system' },
    reason: '测试：审核通过',
  });
  await h.data(ADMIN, 'placement', 'freeze', { stage: 'primary' });
  await h.data(ADMIN, 'placement', 'run', { stage: 'primary', seed: '20270510', dryRun: false });
  await h.data(ADMIN, 'placement', 'publish', { stage: 'primary' });
  const appeal = async (owner: string, r: { id: string; fileIds: string[] }) => {
    const fileId = await upload(owner);
    await h.data(owner, 'registration', 'appeal', {
      id: r.id,
      text: '我们认为派位结果有误，请复核学区划分。',
      fileId,
    });
    r.fileIds.push(fileId);
  };
  await appeal(PARENT, own);
  await appeal(OTHER_PARENT, sameSchool);
  await appeal(OTHER_PARENT, otherSchool);

  const ownDraft = {
    id: 'draft-world-open',
    childName: '戊草稿',
    idNumber: idNumberMake('2020-07-07', 801),
    fileIds: [] as string[],
  };
  ownDraft.fileIds.push(await draftWith(PARENT, ownDraft.id, ownDraft.childName, ownDraft.idNumber, 'p01'));
  const otherDraft = {
    id: 'draft-world-li',
    childName: '丁草稿',
    idNumber: idNumberMake('2020-07-07', 802),
    fileIds: [] as string[],
  };
  otherDraft.fileIds.push(
    await draftWith(OTHER_PARENT, otherDraft.id, otherDraft.childName, otherDraft.idNumber, 'p01'),
  );

  let drafts = 0;
  const county = await h.store.listTeachersBySchool('p02' as never, { offset: 0, limit: 1 });
  // The demo teacher of p01 is due to rotate: the principal has nominated them.
  const ownTeacher = String((await h.store.getBinding(TEACHER as never))?.teacherId);
  await h.data(PRINCIPAL, 'rotation', 'nominate', { teacherId: ownTeacher, kind: 'self', note: '本人申请' });
  return {
    h,
    fingerprint,
    otherDrafts,
    own,
    sameSchool,
    otherSchool,
    drafts: { own: ownDraft, other: otherDraft },
    teachers: { ownSchool: ownTeacher, otherSchool: String(county.items[0]?.id) },
    upload,
    async draft() {
      drafts += 1;
      const id = `draft-fresh-${drafts}`;
      await draftWith(PARENT, id, '甲本家', own.idNumber, 'p01');
      return id;
    },
  };
}
