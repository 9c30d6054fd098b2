import { joinPath } from '../config-error';

/** True for instances of the config classes (not plain objects, arrays or free-form data). */
export function isSectionInstance(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto !== Object.prototype && proto !== null && !Buffer.isBuffer(value);
}

/** Visits `root` and every section instance below it (through arrays too), depth first. */
export function walkSections(
  root: object,
  visit: (section: Record<string, unknown>, path: string) => void,
  path = '',
): void {
  if (!isSectionInstance(root)) return;
  visit(root, path);
  for (const [key, value] of Object.entries(root)) {
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        walkSections(item as object, visit, joinPath(joinPath(path, key), i)),
      );
    } else {
      walkSections(value as object, visit, joinPath(path, key));
    }
  }
}
