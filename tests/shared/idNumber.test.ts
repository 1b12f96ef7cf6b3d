import fc from 'fast-check';
import { idNumberCheckChar, idNumberMask, idNumberNormalize, idNumberParse } from '../../shared/idNumber';
import { idNumberMake } from '../helpers/ids';

// Published example numbers whose check characters are known (GB 11643 worked examples).
const known = ['11010519491231002X', '110101199003074477'];

const birthArb = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const idArb = fc
  .tuple(
    birthArb,
    fc.integer({ min: 0, max: 999 }),
    fc.constantFrom('110101', '330102', '440305', '510104', '650102'),
  )
  .map(([b, seq, region]) => ({ id: idNumberMake(b, seq, region), birth: b, seq }));

describe('idNumberParse (GB 11643)', () => {
  test.each(known)('accepts the published example %s', (id) => {
    expect(idNumberParse(id).status).toBe('valid');
  });

  test('derives birth date and gender', () => {
    const r = idNumberParse('11010519491231002X');
    expect(r).toEqual({
      status: 'valid',
      idNumber: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'F',
    });
  });

  test.each([
    ['', '请填写身份证号码。'],
    ['1101051949123100', '身份证号码应为18位，您输入了16位。'],
    ['11010519491231002Y', '身份证号码前17位应为数字，最后一位为数字或X。'],
    ['99010519491231002X', '身份证号码前6位（地区代码）不对，请照户口簿逐位核对。'],
    ['110105194902300021', '身份证号码第7至14位（出生日期）不对，请照户口簿逐位核对。'],
    ['110105194912310021', '身份证号码校验位不正确，请逐位核对。'],
  ])('refuses %p with a Chinese reason', (id, reason) => {
    expect(idNumberParse(id)).toEqual({ status: 'invalid', reason });
  });

  test('folds what people type: spaces, lower-case x, full-width digits', () => {
    expect(idNumberNormalize(' 1101 0519 4912 3100 2x ')).toBe('11010519491231002X');
    expect(idNumberParse('１１０１０５１９４９１２３１００２Ｘ').status).toBe('valid');
  });

  test('property: every generated number parses back to its birth date and gender', () => {
    fc.assert(
      fc.property(idArb, ({ id, birth, seq }) => {
        const r = idNumberParse(id);
        return r.status === 'valid' && r.birthDate === birth && r.gender === (seq % 2 === 1 ? 'M' : 'F');
      }),
    );
  });

  test('property: changing any single digit of the first 17 is always caught', () => {
    fc.assert(
      fc.property(
        idArb,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        ({ id }, pos, delta) => {
          const digit = (Number(id[pos]) + delta) % 10;
          const bad = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
          return idNumberParse(bad).status === 'invalid';
        },
      ),
    );
  });

  test('property: swapping two different adjacent digits is caught (ISO 7064 MOD 11-2)', () => {
    fc.assert(
      fc.property(idArb, fc.integer({ min: 0, max: 15 }), ({ id }, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const bad = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        return idNumberParse(bad).status === 'invalid';
      }),
    );
  });

  test('check character table', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });

  test('refuses birth years before 1900 (no living child or guardian has one)', () => {
    expect(idNumberParse('440524188001010014').status).toBe('invalid');
  });

  test("the README's example child ID number is valid (born 2020-05-10, boy)", () => {
    expect(idNumberParse('33010220200510001X')).toMatchObject({
      status: 'valid',
      birthDate: '2020-05-10',
      gender: 'M',
    });
  });

  test('masks all but the first and last four characters', () => {
    expect(idNumberMask('330102202005100011')).toBe('3301**********0011');
  });
});
