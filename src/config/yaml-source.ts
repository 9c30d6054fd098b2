import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { ConfigProblem } from './config-error';
import { describeFsError } from './validation/preload-files';
import { isPlainObject } from './validation/rules';

export type YamlSource =
  { ok: true; value: Record<string, unknown> } | { ok: false; problems: ConfigProblem[] };

/** Reads and parses one YAML file; syntax errors carry the file, line and column. */
export async function readYamlFile(file: string): Promise<YamlSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [{ path: file, message: describeFsError(err, file) }] };
  }
  return parseYaml(text, file);
}

/** Parses YAML text (with `<<` merge keys, as serde_yaml); an empty document is `{}`. */
export function parseYaml(text: string, file: string): YamlSource {
  const doc = parseDocument(text, { merge: true, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
        return { path: file, message: where + firstLine(e.message) };
      }),
    };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (value === null || value === undefined) return { ok: true, value: {} };
  if (!isPlainObject(value)) {
    return { ok: false, problems: [{ path: file, message: 'the document must be a mapping' }] };
  }
  return { ok: true, value };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
