import { Column } from 'typeorm';

/** A `timestamptz` column. MAS sets every timestamp from the clock, so none has a default. */
export function TimestampColumn(
  name: string,
  options: { nullable?: boolean } = {},
): PropertyDecorator {
  return Column({ type: 'timestamptz', name, nullable: options.nullable ?? false });
}

/**
 * A `bytea` column holding the SHA-256 of a secret (32 bytes). We never store bearer secrets in
 * a replayable form; the unique constraint and the `octet_length = 32` CHECK are declared on the
 * entity class so their names match the migration.
 */
export function Sha256Column(
  name: string,
  options: { nullable?: boolean } = {},
): PropertyDecorator {
  return Column({ type: 'bytea', name, nullable: options.nullable ?? false });
}

/** A nullable `text` column. */
export function OptionalTextColumn(name: string): PropertyDecorator {
  return Column({ type: 'text', name, nullable: true });
}

/** A `text` column that is NOT NULL. */
export function TextColumn(name: string): PropertyDecorator {
  return Column({ type: 'text', name });
}

/** A nullable `inet` column (client IP addresses), read back as a string. */
export function InetColumn(name: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Column({ type: 'inet', name, nullable: options.nullable ?? true });
}

/** A `text[]` column that is NOT NULL. */
export function TextArrayColumn(
  name: string,
  options: { default?: string[] } = {},
): PropertyDecorator {
  return Column({ type: 'text', array: true, name, default: options.default });
}
