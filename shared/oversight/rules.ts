/**
 * The bureau's rule catalogue (督导规则): one entry per rule with a stable code, the Chinese text a
 * user reads, a severity and the policy it comes from. Checks (checks.ts) return findings that
 * name the rule and the offending records, so every figure on the dashboard can be clicked
 * through to the registrations, classes, schools or teachers behind it.
 */
export type Severity = 'error' | 'warning';

export interface Rule {
  readonly code: string;
  readonly text: string;
  readonly severity: Severity;
  /** The official document the rule comes from, as users read it (see docs/policy.md). */
  readonly source: string;
}

export const rules = {
  CLASS_LARGE: {
    code: 'CLASS_LARGE',
    text: '大班额：班级人数超过班额上限（小学45人、初中50人）',
    severity: 'warning',
    source: '《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）',
  },
  CLASS_SUPER_LARGE: {
    code: 'CLASS_SUPER_LARGE',
    text: '超大班额：班级人数达到56人及以上，不得出现',
    severity: 'error',
    source: '《国务院关于统筹推进县域内城乡义务教育一体化改革发展的若干意见》（国发〔2016〕40号）',
  },
  SEATS_SHORT: {
    code: 'SEATS_SHORT',
    text: '录取人数超过学校学位数（起始年级班数 × 班额）',
    severity: 'error',
    source: '《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）；本县招生工作方案',
  },
  PLACEMENT_LEFTOVER: {
    code: 'PLACEMENT_LEFTOVER',
    text: '派位后仍有儿童既未录取也未统筹安排',
    severity: 'error',
    source: '《中华人民共和国义务教育法》第十二条；本县招生工作方案',
  },
  REG_OVER_AGE: {
    code: 'REG_OVER_AGE',
    text: '报名儿童超龄入学，需核实原因',
    severity: 'warning',
    source: '《中华人民共和国义务教育法》第十一条',
  },
  REG_PROPERTY_REUSED: {
    code: 'REG_PROPERTY_REUSED',
    text: '一房一学位：同一房产在锁定期内已被其他家庭使用',
    severity: 'warning',
    source: '本县招生工作方案（一房一学位）',
  },
  REG_PROPERTY_SHARED: {
    code: 'REG_PROPERTY_SHARED',
    text: '同一房产证本年度被多份报名使用',
    severity: 'warning',
    source: '本县招生工作方案（一房一学位）',
  },
  ROTATION_QUOTA: {
    code: 'ROTATION_QUOTA',
    text: '交流轮岗人数低于应交流教师的规定比例（10%）',
    severity: 'error',
    source: '《关于推进县（区）域内义务教育学校校长教师交流轮岗的意见》（教师〔2014〕4号）',
  },
  ROTATION_BACKBONE: {
    code: 'ROTATION_BACKBONE',
    text: '交流教师中骨干教师比例低于20%',
    severity: 'error',
    source: '《关于推进县（区）域内义务教育学校校长教师交流轮岗的意见》（教师〔2014〕4号）',
  },
  SCHOOL_INDICATORS: {
    code: 'SCHOOL_INDICATORS',
    text: '学校七项指标未达到“至少6项达标、其余不低于标准的85%”',
    severity: 'warning',
    source: '《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）',
  },
  INDICATOR_CV: {
    code: 'INDICATOR_CV',
    text: '校际差异系数超过限值（小学0.50、初中0.45）',
    severity: 'error',
    source: '《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）',
  },
  ENROLMENT_RATE: {
    code: 'ENROLMENT_RATE',
    text: '适龄儿童入学率低于95%',
    severity: 'error',
    source: '《国务院办公厅关于进一步加强控辍保学提高义务教育巩固水平的通知》（国办发〔2017〕72号）',
  },
} as const satisfies Readonly<Record<string, Rule>>;

export type RuleCode = keyof typeof rules;

/** A record behind a finding, for clicking through. */
export interface RecordRef {
  readonly kind: 'registration' | 'class' | 'school' | 'teacher' | 'child' | 'indicator';
  readonly id: string;
  readonly label: string;
}

export interface Finding {
  readonly rule: RuleCode;
  /** What is wrong here, in Chinese, with the numbers. */
  readonly text: string;
  readonly records: readonly RecordRef[];
}
