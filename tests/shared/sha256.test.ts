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
