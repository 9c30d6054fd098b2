/** One problem (or warning) found in the configuration, located by its YAML path. */
export interface ConfigProblem {
  /** Dotted path such as `http.listeners[0].binds[0].port`, or a file name for YAML errors. */
  path: string;
  /** Short, human message such as `must be a number`. */
  message: string;
}

/** Thrown by the loader with every problem found; never carries a stack trace to the user. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  /** Warnings found alongside the problems (unknown keys), for display. */
  readonly warnings: ConfigProblem[];

  constructor(problems: ConfigProblem[], warnings: ConfigProblem[] = []) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
    this.problems = problems;
    this.warnings = warnings;
  }

  /** One `path: message` per line. */
  format(): string {
    return formatProblems(this.problems);
  }
}

export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n');
}

/** Joins a parent path and a child key or array index into `a.b[0].c` form. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (key === '') return parent;
  return parent ? `${parent}.${key}` : key;
}
