/**
 * The routing rules of a proxy configuration, as compared between the templates the tests run
 * (test/proxy/*.template) and the snippets of docs/reverse-proxy.md: each rule is the trimmed
 * lines of one block, comments and blank lines left out.
 */
export type RouteRules = string[][];

/** The bodies of the fenced code blocks of `markdown` tagged with one of `languages`. */
export function fencedBlocks(markdown: string, languages: readonly string[]): string[] {
  const blocks: string[] = [];
  const fence = /^```([\w-]*)[^\n]*\n([\s\S]*?)^```/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    if (languages.includes(m[1])) blocks.push(m[2]);
  }
  return blocks;
}

/** The lines of `text`, trimmed, without `#` comments and blank lines. */
function meaningfulLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '');
}

function depthChange(line: string): number {
  return (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
}

/**
 * Every block starting at a line that matches `start` and ending on the line where its braces
 * close (or on that line, when it opens none).
 */
function blocksStartingWith(text: string, start: RegExp): RouteRules {
  const lines = meaningfulLines(text);
  const blocks: RouteRules = [];
  for (let i = 0; i < lines.length; i++) {
    if (!start.test(lines[i])) continue;
    const block = [lines[i]];
    let depth = depthChange(lines[i]);
    while (depth > 0 && i + 1 < lines.length) {
      i++;
      block.push(lines[i]);
      depth += depthChange(lines[i]);
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * nginx: the `location` blocks of every `server` block that routes the compatibility layer (a
 * `location ~ ^/_matrix/client/…`); other servers (mas-ts's own host, a redirect) are not rules.
 */
export function nginxRouteRules(text: string): RouteRules {
  return blocksStartingWith(text, /^server\s*\{$/)
    .map((server) => blocksStartingWith(server.slice(1).join('\n'), /^location\s/))
    .filter((locations) =>
      locations.some(([first]) => first.startsWith('location ~ ^/_matrix/client/')),
    )
    .flat();
}

/**
 * Caddy: every named matcher line (`@compat path_regexp …`) and `handle` block (the guide's
 * other sites use neither).
 */
export function caddyRouteRules(text: string): RouteRules {
  return blocksStartingWith(text, /^(@[\w-]+\s|handle(\s|$))/);
}

/** The regular expression of the compatibility route: nginx's `location ~` or Caddy's `path_regexp`. */
export function compatPattern(rules: RouteRules): RegExp {
  for (const [first] of rules) {
    const m = /^location ~ (\S+) \{$/.exec(first) ?? /^@[\w-]+ path_regexp (\S+)$/.exec(first);
    if (m) return new RegExp(m[1]);
  }
  throw new Error('no regular-expression route');
}
