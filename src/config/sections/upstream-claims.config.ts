import { Bool, Nested, OneOf, Opt, Str } from '../validation/rules';

export const IMPORT_ACTIONS = ['ignore', 'suggest', 'force', 'require'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

export class SubjectImportConfig {
  /** Jinja template; default `{{ user.sub }}`. */
  @Opt() @Str() template?: string;
}

export class LocalpartImportConfig {
  @Opt() @OneOf(IMPORT_ACTIONS) action?: ImportAction;
  @Opt() @Str() template?: string;
  /** Default `fail`. */
  @Opt() @OneOf(['fail', 'add', 'replace', 'set']) on_conflict?: 'fail' | 'add' | 'replace' | 'set';
}

export class AttributeImportConfig {
  @Opt() @OneOf(IMPORT_ACTIONS) action?: ImportAction;
  @Opt() @Str() template?: string;
}

export class AccountNameImportConfig {
  @Opt() @Str() template?: string;
}

/** `upstream_oauth2.providers[].claims_imports` (MAS docs/reference/configuration.md). */
export class ClaimsImportsConfig {
  @Opt() @Nested(() => SubjectImportConfig) subject?: SubjectImportConfig;
  @Opt() @Bool() skip_confirmation?: boolean;
  @Opt() @Nested(() => LocalpartImportConfig) localpart?: LocalpartImportConfig;
  @Opt() @Nested(() => AttributeImportConfig) displayname?: AttributeImportConfig;
  @Opt() @Nested(() => AttributeImportConfig) email?: AttributeImportConfig;
  @Opt() @Nested(() => AccountNameImportConfig) account_name?: AccountNameImportConfig;
}
