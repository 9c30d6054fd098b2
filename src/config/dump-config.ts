import { stringify } from 'yaml';
import type { MasConfig } from './mas-config';
import { toPlainConfig } from './to-plain';

/** The merged, defaulted configuration as YAML (MAS `config dump`). */
export function dumpConfig(config: MasConfig): string {
  return stringify(toPlainConfig(config), { lineWidth: 0, aliasDuplicateObjects: false });
}
