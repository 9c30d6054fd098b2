import { parseScope } from '../scopes/scope';

/**
 * The device ids that MSC2967 device scopes in `scopeLists` bind (every one of them, as MAS's
 * device sync does); scope lists that do not parse bind none.
 */
export function deviceIdsOfScopes(scopeLists: readonly (readonly string[])[]): string[] {
  const ids: string[] = [];
  for (const list of scopeLists) {
    let tokens;
    try {
      tokens = parseScope(list.join(' '));
    } catch {
      continue;
    }
    for (const token of tokens) if (token.kind === 'matrix_device') ids.push(token.deviceId);
  }
  return ids;
}
