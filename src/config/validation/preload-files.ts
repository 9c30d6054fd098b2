import { joinPath, type ConfigProblem } from '../config-error';
import { isDirKey, isFileKey, preloadDir, preloadFile } from './secret-files';
import { walkSections } from './walk';

interface FileContentChecked {
  fileContentProblems(): ConfigProblem[];
}

const hasContentCheck = (v: object): v is FileContentChecked =>
  typeof (v as Partial<FileContentChecked>).fileContentProblems === 'function';

/**
 * Reads every `*_file` / `secret_path` file and `keys_dir` directory once, so accessors are
 * synchronous; each unreadable one is a problem at its own path.
 */
export function preloadFiles(root: object): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  walkSections(root, (section, path) => {
    let ok = true;
    for (const [key, value] of Object.entries(section)) {
      if (typeof value !== 'string' || !(isFileKey(key) || isDirKey(key))) continue;
      try {
        if (isDirKey(key)) preloadDir(section, key);
        else preloadFile(section, key);
      } catch (err) {
        ok = false;
        problems.push({ path: joinPath(path, key), message: describeFsError(err, value) });
      }
    }
    if (ok && hasContentCheck(section)) {
      for (const p of section.fileContentProblems()) {
        problems.push({ path: joinPath(path, p.path), message: p.message });
      }
    }
  });
  return problems;
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

export function describeFsError(err: unknown, file: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  return `cannot read "${file}": ${FS_REASONS[code] ?? (code || 'unreadable')}`;
}
