/**
 * Where each form field lives on the page and what it is called, so a refused submit can name
 * the fields to fix and jump to the first one (issue 17, defect 4). Paths are the validator's
 * (`guardians.0.mobile`); anchors are the ids of the fields' boxes.
 */
const fields: Readonly<Record<string, readonly [label: string, anchor: string]>> = {
  community: ['居住的社区或村', 'zone-card'],
  schoolId: ['学区学校', 'zone-card'],
  childName: ['儿童姓名', 'field-child-name'],
  idNumber: ['儿童身份证号', 'field-id-number'],
  birthCertificateNo: ['出生医学证明编号', 'field-birth-cert'],
  guardians: ['监护人', 'guardians-card'],
  'hukou.address': ['户籍地址', 'field-hukou-address'],
  'hukou.householdHead': ['户主姓名', 'field-hukou-head'],
  'property.certificateNo': ['房产证号', 'field-property-no'],
  'property.address': ['房产地址', 'field-property-address'],
  'property.owners': ['产权人', 'field-property-owners'],
  'property.sharePercent': ['产权份额', 'field-property-share'],
  'property.acquiredOn': ['取得房产日期', 'field-property-date'],
  migrant: ['居住证和社保信息', 'route-card'],
  'migrant.residencePermitNo': ['居住证编号', 'field-permit-no'],
  'migrant.residencePermitSince': ['居住证办理日期', 'field-permit-since'],
  'migrant.socialInsuranceMonths': ['社保缴费月数', 'field-insurance'],
  'migrant.rentalAddress': ['租赁住房地址', 'field-rental-address'],
  'special.policyProofNo': ['政策优待证明编号', 'field-policy-proof'],
  documents: ['上传材料', 'documents-card'],
};

const guardianParts: Readonly<Record<string, readonly [string, string]>> = {
  relation: ['与儿童的关系', 'relation'],
  name: ['姓名', 'name'],
  idNumber: ['身份证号', 'id'],
  mobile: ['手机号', 'mobile'],
};

/** The label and the anchor (element id) of a field path. */
export function formField(path: string): { readonly label: string; readonly anchor: string } {
  const known = fields[path];
  if (known) return { label: known[0], anchor: known[1] };
  const g = /^guardians\.(\d+)\.(\w+)$/.exec(path);
  if (g) {
    const i = Number(g[1]);
    const part = guardianParts[g[2] ?? ''] ?? ['信息', 'name'];
    return { label: `第${i + 1}位监护人${part[0]}`, anchor: `field-g${i}-${part[1]}` };
  }
  const sib = /^siblings\.(\d+)\./.exec(path);
  if (sib) return { label: `第${Number(sib[1]) + 1}位兄姐的信息`, anchor: 'special-card' };
  const twin = /^twinIdNumbers\.(\d+)$/.exec(path);
  if (twin) return { label: `第${Number(twin[1]) + 1}位多胞胎的身份证号`, anchor: 'special-card' };
  return { label: '其他信息', anchor: 'special-card' };
}
