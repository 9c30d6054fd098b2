import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkTemplates, type TemplateRender } from '../../templates/template-check';
import { CliError } from '../cli-error';
import { globalConfigPaths } from '../global-options';
import { loadConfigForCli } from '../load-config';

/** `login.njk`, `fr`, 0 → `login-sample=0-locale=fr.html` (MAS `--out-dir` naming). */
function renderFileName(r: TemplateRender): string {
  const base = r.view.replace(/\.njk$/, '');
  const dot = base.lastIndexOf('.');
  const [name, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot + 1)] : [base, 'html'];
  return `${name.replace(/\//g, '_')}-sample=${r.sample}-locale=${r.locale}.${ext}`;
}

function writeRenders(dir: string, renders: TemplateRender[]): void {
  if (existsSync(dir)) {
    if (readdirSync(dir).length > 0) {
      throw new CliError(`render directory ${dir} is not empty, refusing to write`);
    }
  } else {
    mkdirSync(dir, { recursive: true });
  }
  for (const r of renders) writeFileSync(join(dir, renderFileName(r)), r.output);
}

/**
 * `mas-ts templates check [--out-dir DIR]` (MAS `mas-cli templates check`): renders every view
 * with its sample contexts in every language, using the configuration's `templates.path` and
 * `templates.translations_path`; lists every failure and exits 1 when there is one.
 */
export function registerTemplatesCommands(program: Command): void {
  const templates = program.command('templates').description('Work with the page templates');
  templates
    .command('check')
    .description(
      'Render every template with sample data in every language; fail on any broken template',
    )
    .option('--out-dir <dir>', 'also write the renders to this (new or empty) directory')
    .action(async (opts: { outDir?: string }, cmd: Command) => {
      const config = await loadConfigForCli(globalConfigPaths(cmd));
      const result = checkTemplates({
        viewsPath: config.templates.path,
        translationsPath: config.templates.translations_path,
      });
      for (const view of result.unchecked) {
        process.stderr.write(
          `warning: ${join(config.templates.path, view)} is not a built-in view; not checked\n`,
        );
      }
      if (result.failures.length > 0) {
        const lines = result.failures.map((f) => {
          const where = f.locale === null ? '' : ` (language ${f.locale}, sample ${f.sample})`;
          return `  ${f.view}${where}: ${f.message}`;
        });
        throw new CliError(
          `${result.failures.length} template check(s) failed:\n${lines.join('\n')}`,
        );
      }
      if (opts.outDir) writeRenders(opts.outDir, result.renders);
      const views = new Set(result.renders.map((r) => r.view)).size;
      process.stdout.write(
        `templates ok: ${views} views, ${result.renders.length} renders in ${result.languages.join(', ')}\n`,
      );
    });
}
