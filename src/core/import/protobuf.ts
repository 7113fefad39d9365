/**
 * Minimal protocol-buffers wire format, just what Google Authenticator's MigrationPayload
 * needs: varints (including 10-byte sign-extended negatives) and length-delimited fields.
 */

/** One decoded field. `value` is a bigint for varints and bytes for length-delimited fields. */
export type ProtoField =
  | { num: number; kind: 'varint'; value: bigint }
  | { num: number; kind: 'bytes'; value: Uint8Array<ArrayBuffer> };

const MAX_VARINT_BYTES = 10;

/**
 * Decode a message's top-level fields in order. Fixed32/64 fields are skipped (not used here
 * but legal). Returns null on any structural damage: truncation, overlong varint, bad wire type.
 */
export function readFields(buf: Uint8Array<ArrayBuffer>): ProtoField[] | null {
  const fields: ProtoField[] = [];
  let pos = 0;
  const varint = (): bigint | null => {
    let result = 0n;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (pos >= buf.length) return null;
      const byte = buf[pos++]!;
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    return null;
  };
  while (pos < buf.length) {
    const key = varint();
    if (key === null) return null;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (num === 0 || num > 536_870_911) return null;
    if (wire === 0) {
      const value = varint();
      if (value === null) return null;
      fields.push({ num, kind: 'varint', value });
    } else if (wire === 2) {
      const len = varint();
      if (len === null || len > BigInt(buf.length - pos)) return null;
      const end = pos + Number(len);
      fields.push({ num, kind: 'bytes', value: buf.slice(pos, end) });
      pos = end;
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      if (pos > buf.length) return null;
    } else {
      return null;
    }
  }
  return fields;
}

/** Builds a message field by field. */
export class ProtoWriter {
  private readonly parts: number[] = [];

  private varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }

  /** int32/int64/enum field; negatives become 10-byte two's-complement varints, as protoc does. */
  int(num: number, value: number | bigint): this {
    this.varint(BigInt(num << 3));
    this.varint(BigInt(value));
    return this;
  }

  /** bytes/string/sub-message field. */
  bytes(num: number, value: Uint8Array): this {
    this.varint(BigInt((num << 3) | 2));
    this.varint(BigInt(value.length));
    for (const b of value) this.parts.push(b);
    return this;
  }

  finish(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.parts);
  }
}
