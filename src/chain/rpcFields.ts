import { PevmError } from "../primitives/errors.js";
import { bytesToHex, hexToBytes, parseQuantity } from "../primitives/hex.js";
import { BlockInputError, type BlockLocation } from "./blockErrors.js";

/** A JSON object, or a BlockInputError naming where it should have been. */
export function asObject(value: unknown, location: BlockLocation): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BlockInputError(
      location,
      `expected an object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

/** A JSON array, or a BlockInputError. */
export function asArray(value: unknown, location: BlockLocation): unknown[] {
  if (!Array.isArray(value))
    throw new BlockInputError(location, `expected an array, got ${value === null ? "null" : typeof value}`);
  return value;
}

function rethrow(error: unknown, location: BlockLocation): never {
  if (error instanceof PevmError) throw new BlockInputError(location, error.shortMessage, { cause: error });
  throw error;
}

/** Reads fields of one JSON object, turning every malformed value into a BlockInputError naming the field. */
export class FieldReader {
  constructor(
    private readonly object: Record<string, unknown>,
    private readonly location: BlockLocation,
    private readonly prefix: string,
  ) {}

  private at(name: string): BlockLocation {
    return { ...this.location, field: `${this.prefix}${name}` };
  }

  has(name: string): boolean {
    return this.object[name] !== undefined && this.object[name] !== null;
  }

  raw(name: string): unknown {
    return this.object[name];
  }

  private required(name: string): unknown {
    const value = this.object[name];
    if (value === undefined || value === null) throw new BlockInputError(this.at(name), "missing");
    return value;
  }

  quantity(name: string, maxBits = 256): bigint {
    let value: bigint;
    try {
      value = parseQuantity(this.required(name) as string | number | bigint, name);
    } catch (error) {
      return rethrow(error, this.at(name));
    }
    if (value >= 1n << BigInt(maxBits))
      throw new BlockInputError(this.at(name), `${value} does not fit in ${maxBits} bits`);
    return value;
  }

  optionalQuantity(name: string, maxBits = 256): bigint | undefined {
    return this.has(name) ? this.quantity(name, maxBits) : undefined;
  }

  bytes(name: string, length?: number): Uint8Array {
    let value: Uint8Array;
    try {
      value = hexToBytes(this.required(name) as string, name);
    } catch (error) {
      return rethrow(error, this.at(name));
    }
    if (length !== undefined && value.length !== length) {
      throw new BlockInputError(
        this.at(name),
        `expected ${length} bytes, got ${value.length} (${bytesToHex(value).slice(0, 80)})`,
      );
    }
    return value;
  }

  optionalBytes(name: string, length?: number): Uint8Array | undefined {
    return this.has(name) ? this.bytes(name, length) : undefined;
  }
}
