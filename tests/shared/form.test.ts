import { asCstDate } from '../../shared/brand';
import { documentSniff, documentsMissing } from '../../shared/registration/documents';
import { propertyKey, registrationFlags } from '../../shared/registration/flags';
import { registrationFormCheck } from '../../shared/registration/validate';
import { policyDefaults } from '../../shared/settings';
import { formMake, migrantForm } from '../helpers/forms';
import { idNumberMake } from '../helpers/ids';

const S = policyDefaults(2027);
const TODAY = asCstDate('2027-05-10');
const fieldsOf = (f: Parameters<typeof registrationFormCheck>[0]) => {
  const r = registrationFormCheck(f, S, TODAY);
  return r.status === 'valid' ? [] : r.problems.map((p) => p.field);
};

describe('registrationFormCheck', () => {
  test('complete local and migrant families are valid', () => {
    expect(registrationFormCheck(formMake(), S, TODAY)).toMatchObject({
      status: 'valid',
      birthDate: '2020-05-10',
    });
    expect(fieldsOf(migrantForm())).toEqual([]);
  });

  test('each missing or malformed field is named', () => {
    const f = formMake({
      community: '',
      birthCertificateNo: '12345',
      guardians: [{ relation: '母亲', name: '', idNumber: '123', mobile: '2381234567' }],
    });
    expect(fieldsOf(f)).toEqual([
      'community',
      'birthCertificateNo',
      'guardians.0.name',
      'guardians.0.idNumber',
      'guardians.0.mobile',
    ]);
  });

  test('a birth date in the future is refused even with a valid checksum', () => {
    const r = registrationFormCheck(formMake({}, '2027-06-01'), { ...S }, TODAY);
    expect(r.status === 'invalid' && r.problems[0]).toMatchObject({
      field: 'idNumber',
      code: 'INVALID_ID_NUMBER',
    });
  });

  test('dates in order: property acquired in the future is refused', () => {
    expect(fieldsOf(formMake({ property: { ...formMake().property!, acquiredOn: '2027-12-01' } }))).toEqual([
      'property.acquiredOn',
    ]);
  });

  test('route-specific requirements', () => {
    expect(fieldsOf(migrantForm({ migrant: null }))).toEqual(['migrant']);
    expect(fieldsOf(formMake({ hukou: { ...formMake().hukou, address: '', householdHead: '' } }))).toEqual([
      'hukou.address',
      'hukou.householdHead',
    ]);
    expect(
      fieldsOf(formMake({ special: { ...formMake().special, policyGroup: '军人子女', policyProofNo: '' } })),
    ).toEqual(['special.policyProofNo']);
  });

  test('a twin must share the birth date and differ from the child', () => {
    const f = formMake({}, '2020-05-10');
    expect(fieldsOf({ ...f, twinIdNumbers: [idNumberMake('2020-05-10', 901)] })).toEqual([]);
    expect(fieldsOf({ ...f, twinIdNumbers: [idNumberMake('2020-05-11', 901)] })).toEqual(['twinIdNumbers.0']);
    expect(fieldsOf({ ...f, twinIdNumbers: [f.idNumber] })).toEqual(['twinIdNumbers.0']);
  });
});

describe('documents and flags', () => {
  test('required documents follow the route', () => {
    const keys = (f: Parameters<typeof documentsMissing>[0]) =>
      documentsMissing(f, new Set()).map((d) => d.key);
    expect(keys(formMake())).toEqual([
      'hukou_front',
      'hukou_head',
      'hukou_self',
      'property',
      'birth_certificate',
      'vaccination',
    ]);
    expect(keys(migrantForm())).toEqual([
      'residence_permit',
      'social_insurance',
      'rental',
      'birth_certificate',
      'vaccination',
    ]);
    expect(
      documentsMissing(
        formMake(),
        new Set(['hukou_front', 'hukou_head', 'hukou_self', 'property', 'birth_certificate', 'vaccination']),
      ),
    ).toEqual([]);
  });

  test('file types are sniffed from their bytes', () => {
    expect(documentSniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(documentSniff(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBe('image/png');
    expect(documentSniff(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(documentSniff(new TextEncoder().encode('MZ\x90\x00'))).toBeNull();
  });

  test('flags', () => {
    const facts = { birthDate: asCstDate('2020-05-10'), propertyConflict: false, missingDocuments: 0 };
    expect(registrationFlags(formMake(), facts, S)).toEqual([]);
    expect(
      registrationFlags(
        formMake(),
        { ...facts, birthDate: asCstDate('2019-08-31'), propertyConflict: true, missingDocuments: 2 },
        S,
      ),
    ).toEqual(['over_age', 'property_reused', 'missing_documents']);
    expect(
      registrationFlags(formMake({ hukou: { ...formMake().hukou, childWithParent: false } }), facts, S),
    ).toEqual(['household_mismatch']);
  });

  test('property keys ignore spacing and punctuation', () => {
    expect(propertyKey('浙(2024) 青山县-0012345')).toBe(
      propertyKey('浙（2024）青山县0012345'.replace(/（|）/g, '')),
    );
  });
});
