import { getMetadataStorage } from 'class-validator';
import { joinPath, type ConfigProblem } from '../config-error';
import { isOpenSection, isPlainObject } from './rules';
import { isSectionInstance } from './walk';

const known = new Map<Function, Set<string>>();

/** YAML keys declared by a section class: every declared key carries a validation rule. */
export function knownKeys(ctor: Function): Set<string> {
  let keys = known.get(ctor);
  if (!keys) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false);
    keys = new Set(metadata.map((m) => m.propertyName));
    known.set(ctor, keys);
  }
  return keys;
}

/**
 * Reports keys of `plain` that `instance`'s class does not declare, as warnings (configs written
 * for MAS versions with more keys must still load), and removes them from `instance`.
 */
export function collectUnknownKeys(plain: unknown, instance: unknown, path = ''): ConfigProblem[] {
  if (!isPlainObject(plain) || !isSectionInstance(instance)) return [];
  const ctor = instance.constructor;
  const keys = knownKeys(ctor);
  const open = isOpenSection(ctor);
  const warnings: ConfigProblem[] = [];
  for (const [key, value] of Object.entries(plain)) {
    const child = joinPath(path, key);
    if (!keys.has(key)) {
      if (!open) {
        warnings.push({ path: child, message: 'unknown key, ignored' });
        delete instance[key];
      }
      continue;
    }
    const target = instance[key];
    if (Array.isArray(value) && Array.isArray(target)) {
      value.forEach((item, i) =>
        warnings.push(...collectUnknownKeys(item, target[i], joinPath(child, i))),
      );
    } else {
      warnings.push(...collectUnknownKeys(value, target, child));
    }
  }
  return warnings;
}
