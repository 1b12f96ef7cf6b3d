/** The county's schools, zones and teachers. */
import type { TeacherStatus } from '../rotation/eligibility';
import type { SchoolId, TeacherId, ZoneId } from '../brand';
import type { Gender } from '../idNumber';
import type { Stage } from '../settings';

export type Locality = 'town' | 'village';

export interface School {
  readonly id: SchoolId;
  readonly name: string;
  readonly stage: Stage;
  readonly locality: Locality;
  readonly township: string;
  /** Position on the county map in km (east, north of the county seat), for 统筹 by distance. */
  readonly location?: { readonly x: number; readonly y: number };
  /** Classes opened for the entry grade this cycle; seats = classes × cap. */
  readonly entryClasses: number;
  readonly enrolment: number;
  readonly facilities: {
    readonly teachingAreaM2: number;
    readonly sportsAreaM2: number;
    readonly equipmentValueYuan: number;
    readonly multimediaRooms: number;
  };
  /** Rotating teachers the school can take this year (bureau setting; default a fifth of staff). */
  readonly rotationPlaces?: number;
  /** Subjects the school is short of (the planner prefers teachers of these). */
  readonly shortages?: readonly string[];
}

/** A residence zone (学区): the addresses it covers and the school(s) serving it. */
export interface Zone {
  readonly id: ZoneId;
  readonly name: string;
  readonly stage: Stage;
  readonly township: string;
  readonly schoolIds: readonly SchoolId[];
  readonly communities: readonly string[];
}

export const teacherTitles = [
  '未定级',
  '三级教师',
  '二级教师',
  '一级教师',
  '高级教师',
  '正高级教师',
] as const;
export type TeacherTitle = (typeof teacherTitles)[number];
export const backboneLevels = ['none', 'county', 'city', 'province'] as const;
export type BackboneLevel = (typeof backboneLevels)[number];
export const educationLevels = ['中专', '专科', '本科', '研究生'] as const;
export type EducationLevel = (typeof educationLevels)[number];

export interface Teacher {
  readonly id: TeacherId;
  readonly name: string;
  readonly gender: Gender;
  readonly birthYear: number;
  readonly schoolId: SchoolId;
  readonly subject: string;
  readonly title: TeacherTitle;
  readonly backbone: BackboneLevel;
  readonly education: EducationLevel;
  /** Whole years at the current school. */
  readonly yearsAtSchool: number;
  readonly isPrincipal: boolean;
  /** Pregnancy, breastfeeding, certified illness, an approved deferral (rotation exemptions). */
  readonly status?: TeacherStatus;
  /**
   * Months already served at rural or weak schools (乡村或薄弱学校任教经历, a prerequisite for
   * 高级教师), from the staff records; months of a rotation after 报到 are added when shown.
   */
  readonly ruralMonths?: number;
  /** Where the teacher actually teaches when not at their 编制 school (借调 and the like). */
  readonly teachingAt?: SchoolId;
}
