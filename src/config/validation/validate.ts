import { validateSync, type ValidationError } from 'class-validator';
import { joinPath, type ConfigProblem } from '../config-error';
import { isCrossChecked } from './cross-check';
import { walkSections } from './walk';

/** Every type problem and cross-field problem of a transformed configuration. */
export function validateSections(root: object): ConfigProblem[] {
  const errors = validateSync(root, {
    forbidUnknownValues: false,
    stopAtFirstError: true,
    validationError: { target: false },
  });
  const problems = errors.flatMap((e) => flatten(e, ''));
  walkSections(root, (section, path) => {
    if (!isCrossChecked(section)) return;
    for (const p of section.crossCheck())
      problems.push({ path: joinPath(path, p.path), message: p.message });
  });
  return problems;
}

function flatten(error: ValidationError, parent: string): ConfigProblem[] {
  const key = /^\d+$/.test(error.property) ? Number(error.property) : error.property;
  const path = joinPath(parent, key);
  const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
  return [...own, ...(error.children ?? []).flatMap((c) => flatten(c, path))];
}
