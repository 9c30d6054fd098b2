const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 1024;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * Translates an OPA `glob.match(pattern, ["."], value)` pattern (gobwas/glob syntax) into an
 * anchored regex: `*` any run of characters but `.`, `**` any run including `.`, `?` one
 * character but `.`, `[abc]`/`[a-z]`/`[!abc]` a character class, `{a,b}` alternatives, `\`
 * escapes the next character. Throws on an unbalanced `[` or `{`.
 */
function translate(pattern: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRe(pattern[++i] ?? '');
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^.]*';
    } else if (c === '?') {
      out += '[^.]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new Error(`unclosed '[' in glob '${pattern}'`);
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) {
      out += '|';
    } else {
      out += escapeRe(c);
    }
  }
  if (depth !== 0) throw new Error(`unclosed '{' in glob '${pattern}'`);
  return `^${out}$`;
}

function globOf(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(translate(pattern), 'u');
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** Why `pattern` is not a usable domain glob, or undefined when it is. */
export function invalidDomainGlob(pattern: string): string | undefined {
  try {
    globOf(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid glob';
  }
}

/** Whether `domain` matches the glob `pattern` with `.` as the separator (MAS email policy). */
export function domainMatches(pattern: string, domain: string): boolean {
  return globOf(pattern).test(domain);
}
