/**
 * SHA-256 (FIPS 180-4) from @noble/hashes: audited, pure JS, no WebCrypto or node:crypto needed, so
 * it runs the same in the WeChat client (upload checksums), the H5 build and Node (lottery draws,
 * audit chain). This file only adapts it to the hex and bytes forms the domain uses; tests compare
 * it with node:crypto on random inputs and pin every lottery output.
 */
import { sha256 } from '@noble/hashes/sha2';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The SHA-256 digest of the first `length` bytes of `data` (all of it by default). */
export function sha256Bytes(data: Uint8Array, length = data.length): Uint8Array {
  return sha256(length === data.length ? data : data.subarray(0, length));
}

/** The SHA-256 digest of bytes, as lower-case hex. */
export function sha256Hex(data: Uint8Array): string {
  const d = sha256(data);
  let hex = '';
  for (let i = 0; i < d.length; i++) hex += HEX[d[i] as number] as string;
  return hex;
}
