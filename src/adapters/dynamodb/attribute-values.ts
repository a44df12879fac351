import type { Row } from './batch-get';

/** DynamoDB's wire form of one value (the JSON protocol's AttributeValue). */
export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly M: Readonly<Record<string, AttributeValue>> }
  | { readonly L: readonly AttributeValue[] }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly B: string };

export type WireRow = Readonly<Record<string, AttributeValue>>;

/**
 * A plain row to DynamoDB's wire form, as the document client writes it with
 * removeUndefinedValues: strings, finite numbers, booleans, null, arrays and objects;
 * undefined attributes are left out.
 */
export function toWireRow(row: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  const wire: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(row)) {
    if (value !== undefined) wire[name] = toWire(value, name);
  }
  return wire;
}

function toWire(value: unknown, path: string): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} cannot be stored (DynamoDB numbers are finite)`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  if (Array.isArray(value)) return { L: value.filter((entry) => entry !== undefined).map((entry, index) => toWire(entry, `${path}[${index}]`)) };
  if (typeof value === 'object') {
    const map: Record<string, AttributeValue> = {};
    for (const [name, entry] of Object.entries(value)) if (entry !== undefined) map[name] = toWire(entry, `${path}.${name}`);
    return { M: map };
  }
  throw new TypeError(`${path}: a ${typeof value} cannot be stored`);
}

/** A row in DynamoDB's wire form to plain values, as the document client reads it (numbers as numbers, sets as Sets, binary as bytes). */
export function fromWireRow(wire: WireRow): Row {
  const row: Row = {};
  for (const [name, value] of Object.entries(wire)) row[name] = fromWire(value);
  return row;
}

function fromWire(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('M' in value) return fromWireRow(value.M);
  if ('L' in value) return value.L.map(fromWire);
  if ('SS' in value) return new Set(value.SS);
  if ('NS' in value) return new Set(value.NS.map(Number));
  return new Uint8Array(Buffer.from(value.B, 'base64'));
}
