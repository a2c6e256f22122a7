/**
 * A small Mapbox Vector Tile decoder (layers, feature tags, geometry type), written against the
 * MVT 2.1 protobuf schema so the tile tests check what the encoder wrote independently of it.
 */

export interface DecodedFeature {
  readonly type: number;
  readonly properties: Record<string, string | number | boolean>;
}
export interface DecodedLayer {
  readonly name: string;
  readonly version: number;
  readonly extent: number;
  readonly features: DecodedFeature[];
}

class Reader {
  position = 0;
  constructor(
    private readonly bytes: Uint8Array,
    readonly end = bytes.length,
  ) {}

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.position++] ?? 0;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  }
  sub(): Reader {
    const length = this.varint();
    const reader = new Reader(this.bytes, this.position + length);
    reader.position = this.position;
    this.position += length;
    return reader;
  }
  string(): string {
    const sub = this.sub();
    return new TextDecoder().decode(this.bytes.subarray(sub.position, sub.end));
  }
  packed(): number[] {
    const sub = this.sub();
    const values: number[] = [];
    while (sub.position < sub.end) values.push(sub.varint());
    return values;
  }
  double(): number {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.position, 8);
    this.position += 8;
    return view.getFloat64(0, true);
  }
  float(): number {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.position, 4);
    this.position += 4;
    return view.getFloat32(0, true);
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.position += 8;
    else if (wire === 2) this.sub();
    else if (wire === 5) this.position += 4;
    else throw new Error(`type de champ protobuf inconnu : ${wire}`);
  }
}

function readValue(reader: Reader): string | number | boolean {
  let value: string | number | boolean = '';
  while (reader.position < reader.end) {
    const key = reader.varint();
    const [field, wire] = [key >> 3, key & 7];
    if (field === 1) value = reader.string();
    else if (field === 2) value = reader.float();
    else if (field === 3) value = reader.double();
    else if (field === 4 || field === 5) value = reader.varint();
    else if (field === 6) {
      const n = reader.varint();
      value = n % 2 === 0 ? n / 2 : -(n + 1) / 2;
    } else if (field === 7) value = reader.varint() === 1;
    else reader.skip(wire);
  }
  return value;
}

export function decodeTile(bytes: Uint8Array): DecodedLayer[] {
  const tile = new Reader(bytes);
  const layers: DecodedLayer[] = [];
  while (tile.position < tile.end) {
    const key = tile.varint();
    if (key >> 3 !== 3) {
      tile.skip(key & 7);
      continue;
    }
    const layer = tile.sub();
    let name = '';
    let version = 1;
    let extent = 4096;
    const keys: string[] = [];
    const values: (string | number | boolean)[] = [];
    const raw: { type: number; tags: number[] }[] = [];
    while (layer.position < layer.end) {
      const lk = layer.varint();
      const [field, wire] = [lk >> 3, lk & 7];
      if (field === 1) name = layer.string();
      else if (field === 15) version = layer.varint();
      else if (field === 5) extent = layer.varint();
      else if (field === 3) keys.push(layer.string());
      else if (field === 4) values.push(readValue(layer.sub()));
      else if (field === 2) {
        const feature = layer.sub();
        let type = 0;
        let tags: number[] = [];
        while (feature.position < feature.end) {
          const fk = feature.varint();
          if (fk >> 3 === 2) tags = feature.packed();
          else if (fk >> 3 === 3) type = feature.varint();
          else feature.skip(fk & 7);
        }
        raw.push({ type, tags });
      } else layer.skip(wire);
    }
    const features = raw.map(({ type, tags }) => {
      const properties: Record<string, string | number | boolean> = {};
      for (let i = 0; i + 1 < tags.length; i += 2) {
        properties[keys[tags[i] ?? 0] ?? '?'] = values[tags[i + 1] ?? 0] ?? '';
      }
      return { type, properties };
    });
    layers.push({ name, version, extent, features });
  }
  return layers;
}
