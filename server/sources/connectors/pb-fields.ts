// Protobuf payloads read by field number, without generated code: the platforms publish no .proto, so the
// field numbers come from the public decoders named in docs/CONNECTORS.md. The wire format is read by
// @bufbuild/protobuf's BinaryReader (the maintained runtime of protobuf-es); we only keep what a mapper asks
// for. A malformed payload throws, and the caller counts it as garbage.
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/** Nested messages deeper than this are not read (no platform message we use nests more than 3 levels). */
const MAX_DEPTH = 8;
const utf8 = new TextDecoder('utf-8');

type Value = string | Uint8Array;

export class PbFields {
  private constructor(private readonly fields: Map<number, Value[]>) {}

  static read(bytes: Uint8Array): PbFields {
    const fields = new Map<number, Value[]>();
    const r = new BinaryReader(bytes);
    while (r.pos < r.len) {
      const [no, wire] = r.tag();
      let v: Value | null = null;
      if (wire === WireType.Varint) v = String(r.uint64());
      else if (wire === WireType.LengthDelimited) v = r.bytes();
      else r.skip(wire, no);
      if (v === null) continue;
      const list = fields.get(no);
      if (list) list.push(v);
      else fields.set(no, [v]);
    }
    return new PbFields(fields);
  }

  static fromBase64(b64: string): PbFields {
    return PbFields.read(Buffer.from(b64, 'base64'));
  }

  private last(no: number): Value | undefined {
    const list = this.fields.get(no);
    return list?.[list.length - 1];
  }

  /** A varint as its decimal text (int64 ids stay exact). */
  varint(no: number): string | null {
    const v = this.last(no);
    return typeof v === 'string' ? v : null;
  }

  int(no: number): number | null {
    const v = this.varint(no);
    const n = v === null ? Number.NaN : Number(v);
    return Number.isSafeInteger(n) ? n : null;
  }

  str(no: number): string | null {
    const v = this.last(no);
    return v instanceof Uint8Array ? utf8.decode(v) : null;
  }

  bytes(no: number): Uint8Array | null {
    const v = this.last(no);
    return v instanceof Uint8Array ? v : null;
  }

  msg(no: number, depth = 0): PbFields | null {
    return this.msgs(no, depth)[0] ?? null;
  }

  msgs(no: number, depth = 0): PbFields[] {
    if (depth >= MAX_DEPTH) return [];
    return (this.fields.get(no) ?? []).flatMap((v) => (v instanceof Uint8Array ? [PbFields.read(v)] : []));
  }
}

/** A message written by field number, for the tests' local servers and the fixtures. */
export interface PbSpec {
  [field: number]: string | number | bigint | Uint8Array | PbSpec | PbSpec[];
}

export function writePb(spec: PbSpec): Uint8Array {
  const w = new BinaryWriter();
  for (const [key, value] of Object.entries(spec)) {
    const no = Number(key);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string') w.tag(no, WireType.LengthDelimited).string(v);
      else if (typeof v === 'number' || typeof v === 'bigint') w.tag(no, WireType.Varint).uint64(v);
      else if (v instanceof Uint8Array) w.tag(no, WireType.LengthDelimited).bytes(v);
      else w.tag(no, WireType.LengthDelimited).bytes(writePb(v));
    }
  }
  return w.finish();
}
