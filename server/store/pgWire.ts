/**
 * PostgreSQL frontend messages for the store's statement pipeline (Parse, Bind, Describe portal,
 * Execute, Sync), written straight into one buffer. PGlite's own serializer builds each message in
 * a growing writer and copies it out (≈ 5 % of the host's time on registration day). Parameters
 * and results are all text (format-code counts of 0); tests send every kind of text through.
 */

export interface WireStatement {
  /** Parse this SQL under `name` first (the first time the session sees it). */
  readonly parse: string | null;
  readonly name: string;
  readonly values: readonly (string | null)[];
}

// Describe portal '' + Execute portal '' (all rows): the same for every statement.
const DESCRIBE_EXECUTE = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0, 0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/** One buffer: for each statement [Parse] Bind Describe Execute, then one Sync. */
export function wirePipeline(statements: readonly WireStatement[]): Uint8Array {
  let size = SYNC.length;
  for (const s of statements) {
    const nameLen = Buffer.byteLength(s.name);
    if (s.parse !== null) size += 1 + 4 + nameLen + 1 + Buffer.byteLength(s.parse) + 1 + 2;
    size += 1 + 4 + 1 + nameLen + 1 + 2 + 2 + 2 + DESCRIBE_EXECUTE.length;
    for (const v of s.values) size += 4 + (v === null ? 0 : Buffer.byteLength(v));
  }
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  const cstring = (text: string) => {
    o += buf.write(text, o);
    buf[o++] = 0;
  };
  for (const s of statements) {
    if (s.parse !== null) {
      const start = o;
      buf[o++] = 0x50; // 'P'
      o += 4;
      cstring(s.name);
      cstring(s.parse);
      o = buf.writeInt16BE(0, o); // parameter types: all left to the server
      buf.writeInt32BE(o - start - 1, start + 1);
    }
    const start = o;
    buf[o++] = 0x42; // 'B'
    o += 4;
    cstring(''); // unnamed portal
    cstring(s.name);
    o = buf.writeInt16BE(0, o); // parameter formats: all text
    o = buf.writeInt16BE(s.values.length, o);
    for (const v of s.values) {
      if (v === null) o = buf.writeInt32BE(-1, o);
      else {
        const at = o;
        o += 4;
        const n = buf.write(v, o);
        buf.writeInt32BE(n, at);
        o += n;
      }
    }
    o = buf.writeInt16BE(0, o); // result formats: all text
    buf.writeInt32BE(o - start - 1, start + 1);
    o += DESCRIBE_EXECUTE.copy(buf, o);
  }
  o += SYNC.copy(buf, o);
  return new Uint8Array(buf.buffer, buf.byteOffset, o);
}
