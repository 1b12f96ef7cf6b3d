import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../shared/sha256';

test('known vectors (FIPS 180-4)', () => {
  expect(sha256Hex(new Uint8Array())).toBe(
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  );
  expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
});

test('property: equals node:crypto on any bytes, across block boundaries', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 300 }),
      (bytes) => sha256Hex(bytes) === createHash('sha256').update(bytes).digest('hex'),
    ),
  );
});

test('every length from 0 to 200 bytes (each padding case: tail of 0–55, 56–63 and full blocks)', () => {
  for (let n = 0; n <= 200; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  }
});
