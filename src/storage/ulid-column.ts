import { Column, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { ulidToUUID, uuidToULID } from 'ulid';

/** Converts a ULID (26 Crockford base32 chars) to the UUID holding the same 128 bits. */
export function ulidToUuid(id: string): string {
  return ulidToUUID(id).toLowerCase();
}

/** Converts a UUID back to the ULID holding the same 128 bits. */
export function uuidToUlid(uuid: string): string {
  return uuidToULID(uuid);
}

function toDatabase(value: unknown): unknown {
  if (typeof value === 'string') return ulidToUuid(value);
  if (Array.isArray(value)) return value.map(toDatabase);
  return value;
}

function fromDatabase(value: unknown): unknown {
  return typeof value === 'string' ? uuidToUlid(value) : value;
}

/**
 * Maps a ULID string in TypeScript to a `uuid` column and back, as MAS stores its ULIDs.
 * `null`/`undefined` and non-string find operators pass through untouched.
 */
export const ulidTransformer: ValueTransformer = { to: toDatabase, from: fromDatabase };

/** The `uuid` primary key column `name`, exposed as a ULID string; constraint `<table>_pkey`. */
export function UlidPrimaryColumn(
  name: string,
  primaryKeyConstraintName: string,
): PropertyDecorator {
  return PrimaryColumn({
    type: 'uuid',
    name,
    primaryKeyConstraintName,
    transformer: ulidTransformer,
  });
}

/** A `uuid` column (usually a foreign key) exposed as a ULID string. */
export function UlidColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({
    type: 'uuid',
    name,
    nullable: options.nullable ?? false,
    transformer: ulidTransformer,
  });
}
