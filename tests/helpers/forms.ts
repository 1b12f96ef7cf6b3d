/** Valid registration forms for tests: a story's facts on top of a complete local family. */
import { emptyForm, type RegistrationForm } from '../../shared/registration/form';
import { demoCounty } from '../../server/host/seed';
import { idNumberMake } from './ids';

let n = 0;
const zones = demoCounty().zones;

/** A community of the demo county whose zone includes the school. */
export function communityOf(schoolId: string): string {
  const z = zones.find((x) => x.schoolIds.includes(schoolId as never));
  if (!z) throw new Error(`no zone for ${schoolId}`);
  return z.communities[0] as string;
}

export function formMake(over: Partial<RegistrationForm> = {}, birth = '2020-05-10'): RegistrationForm {
  n += 1;
  return {
    ...emptyForm,
    community: over.community ?? communityOf(over.schoolId ?? 'p01'),
    schoolId: 'p01',
    childName: '王小明',
    idNumber: idNumberMake(birth, (n % 400) * 2 + 1),
    birthCertificateNo: 'O110123456',
    guardians: [
      { relation: '母亲', name: '李丽', idNumber: idNumberMake('1990-03-04', 2), mobile: '13812345678' },
    ],
    hukou: {
      inCounty: true,
      inZone: true,
      address: '城关镇和平路12号',
      householdHead: '王强',
      childWithParent: true,
    },
    property: {
      inZone: true,
      type: '不动产权证',
      certificateNo: '浙(2024)青山县不动产权第0012345号',
      address: '城关镇和平路12号3幢201室',
      owners: '王强、李丽',
      ownerRelation: '父母',
      sharePercent: 100,
      acquiredOn: '2019-06-01',
    },
    ...over,
  };
}

/** A migrant family meeting the default thresholds (as of 2027-05-10). */
export function migrantForm(over: Partial<RegistrationForm> = {}, birth = '2020-05-10'): RegistrationForm {
  return formMake(
    {
      route: 'migrant',
      hukou: {
        inCounty: false,
        inZone: false,
        address: '四川省南充市某村',
        householdHead: '张强',
        childWithParent: true,
      },
      property: null,
      migrant: {
        residencePermitNo: '330122201900123',
        residencePermitSince: '2025-03-01',
        socialInsuranceMonths: 26,
        rentalRegistered: true,
        rentalInZone: true,
        rentalAddress: '城关镇人民路5号',
      },
      ...over,
    },
    birth,
  );
}
