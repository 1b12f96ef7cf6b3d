/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, for places without WebCrypto or node:crypto (the
 * WeChat client checksums uploads with it). Pure and synchronous; tests compare it with
 * node:crypto on random inputs.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

const W = new Uint32Array(64);
const H = new Uint32Array(8);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The padded last block(s): the data bytes after the last full block, 0x80, zeros, bit length. */
const TAIL = new Uint8Array(128);

function tailFill(data: Uint8Array, length: number, fullBytes: number): number {
  const rest = length - fullBytes;
  const size = rest + 9 <= 64 ? 64 : 128;
  for (let i = 0; i < rest; i++) TAIL[i] = data[fullBytes + i] as number;
  TAIL[rest] = 0x80;
  TAIL.fill(0, rest + 1, size - 8);
  const bits = length * 8;
  const hi = Math.floor(bits / 2 ** 32);
  TAIL[size - 8] = (hi >>> 24) & 0xff;
  TAIL[size - 7] = (hi >>> 16) & 0xff;
  TAIL[size - 6] = (hi >>> 8) & 0xff;
  TAIL[size - 5] = hi & 0xff;
  TAIL[size - 4] = (bits >>> 24) & 0xff;
  TAIL[size - 3] = (bits >>> 16) & 0xff;
  TAIL[size - 2] = (bits >>> 8) & 0xff;
  TAIL[size - 1] = bits & 0xff;
  return size;
}

/**
 * The digest as eight 32-bit words (big-endian order, as in the hex form). The returned array is
 * reused by the next call: read it before hashing again. Works on the input in place; `length`
 * hashes only the first bytes (so a caller can reuse one buffer).
 */
export function sha256Words(data: Uint8Array, length = data.length): Uint32Array {
  H.set([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const fullBytes = (length >> 6) << 6; // blocks made only of data bytes: read directly
  for (let off = 0; off < fullBytes; off += 64) block(data, off);
  const tailSize = tailFill(data, length, fullBytes);
  for (let off = 0; off < tailSize; off += 64) block(TAIL, off);
  return H;
}

/** The SHA-256 digest of bytes, as lower-case hex. */
export function sha256Hex(data: Uint8Array): string {
  sha256Words(data);
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const x = H[i] as number;
    hex +=
      (HEX[x >>> 24] as string) +
      (HEX[(x >>> 16) & 0xff] as string) +
      (HEX[(x >>> 8) & 0xff] as string) +
      (HEX[x & 0xff] as string);
  }
  return hex;
}

/** One 64-byte block of `src` at `off` into H. */
function block(src: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const p = off + i * 4;
    W[i] =
      (((src[p] as number) << 24) |
        ((src[p + 1] as number) << 16) |
        ((src[p + 2] as number) << 8) |
        (src[p + 3] as number)) >>>
      0;
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15] as number;
    const b = W[i - 2] as number;
    const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
    const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
    W[i] = ((W[i - 16] as number) + s0 + (W[i - 7] as number) + s1) | 0;
  }
  let a = H[0] as number;
  let b = H[1] as number;
  let c = H[2] as number;
  let d = H[3] as number;
  let e = H[4] as number;
  let f = H[5] as number;
  let g = H[6] as number;
  let h = H[7] as number;
  for (let i = 0; i < 64; i++) {
    const t1 =
      (h +
        (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
        ((e & f) ^ (~e & g)) +
        (K[i] as number) +
        (W[i] as number)) |
      0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0] as number) + a;
  H[1] = (H[1] as number) + b;
  H[2] = (H[2] as number) + c;
  H[3] = (H[3] as number) + d;
  H[4] = (H[4] as number) + e;
  H[5] = (H[5] as number) + f;
  H[6] = (H[6] as number) + g;
  H[7] = (H[7] as number) + h;
}
