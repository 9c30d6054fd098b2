import { Str } from '../validation/rules';

/** `templates` (MAS docs/reference/configuration.md#templates; locally built defaults). */
export class TemplatesConfig {
  /** Templates directory, relative to the working directory. */
  @Str() path: string = './templates/';

  /** Frontend assets manifest. */
  @Str() assets_manifest: string = './frontend/dist/manifest.json';

  /** Translations directory. */
  @Str() translations_path: string = './translations/';
}
