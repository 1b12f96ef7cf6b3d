/** Small records for store and function tests. */
import { asCstDate, asOpenId, asRegistrationId, asSchoolId, asTeacherId } from '../../shared/brand';
import type { School, Teacher } from '../../shared/county/types';
import type { Invite } from '../../shared/identity/roles';
import { emptyForm } from '../../shared/registration/form';
import type { Registration } from '../../shared/registration/types';

export const T0 = new Date('2027-05-10T02:00:00Z');

export const school = (id: string, stage: 'primary' | 'junior' = 'primary'): School => ({
  id: asSchoolId(id),
  name: `学校${id}`,
  stage,
  locality: 'town',
  township: '城关镇',
  entryClasses: 4,
  enrolment: 1000,
  facilities: {
    teachingAreaM2: 5000,
    sportsAreaM2: 8000,
    equipmentValueYuan: 2_000_000,
    multimediaRooms: 25,
  },
});

export const teacher = (id: string, schoolId: string): Teacher => ({
  id: asTeacherId(id),
  name: `教师${id}`,
  gender: 'F',
  birthYear: 1985,
  schoolId: asSchoolId(schoolId),
  subject: '语文',
  title: '一级教师',
  backbone: 'none',
  education: '本科',
  yearsAtSchool: 7,
  isPrincipal: false,
});

export const registration = (id: string, over: Partial<Registration> = {}): Registration => ({
  id: asRegistrationId(id),
  childKey: `child-${id}`,
  previousId: null,
  year: 2027,
  stage: 'primary',
  ownerOpenid: asOpenId('parent-a'),
  schoolId: asSchoolId('s1'),
  childName: '测试儿童',
  idNumber: '330102202005100011',
  birthDate: asCstDate('2020-05-10'),
  gender: 'M',
  form: { ...emptyForm, childName: '测试儿童', idNumber: '330102202005100011', schoolId: 's1' },
  tier: { status: 'eligible', tier: 1, label: '一类', reasons: ['户籍与房产均在学区且人户一致 → 一类'] },
  flags: [],
  documents: {},
  propertyKey: null,
  searchKeys: ['测试儿童', '0011'],
  status: 'pending_review',
  version: 1,
  createdAt: T0.toISOString(),
  updatedAt: T0.toISOString(),
  history: [],
  ...over,
});

export const invite = (code: string, over: Partial<Invite> = {}): Invite => ({
  code,
  role: 'principal',
  schoolId: asSchoolId('s1'),
  teacherId: null,
  displayName: '测试校长',
  createdBy: asOpenId('admin'),
  createdAt: T0.toISOString(),
  expiresAt: new Date(T0.getTime() + 86_400_000).toISOString(),
  usedBy: null,
  usedAt: null,
  ...over,
});
