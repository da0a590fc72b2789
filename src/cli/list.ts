import { colorFor } from '../reporters/color.js';
import { listScenarios } from '../runner/list-scenarios.js';
import { reportError } from './report-error.js';

/** `payprobe list`: the scenarios, their needs, and whether the config meets them. */
export async function listCommand(paths: string[], opts: { config: string; json?: boolean }): Promise<number> {
  try {
    const rows = await listScenarios({ cwd: process.cwd(), configPath: opts.config, paths });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const c = colorFor(process.stdout, process.env);
    const width = Math.max(...rows.map((r) => r.id.length), 8);
    for (const r of rows) {
      const state = r.runnable ? c.green('runs') : c.yellow(!r.providerConfigured ? `skipped: providers.${r.provider} not configured` : `skipped: no ${r.missingHooks.join(', ')} hook`);
      const tags = [r.category, ...r.tags].join(', ');
      process.stdout.write(`${r.id.padEnd(width)}  ${state}  ${c.dim(`hooks ${r.hooks.join(', ') || '-'} · ${tags} · catches ${r.catches.join(', ') || '-'}`)}\n`);
    }
    const runnable = rows.filter((r) => r.runnable).length;
    process.stdout.write(`\n${rows.length} scenario${rows.length === 1 ? '' : 's'}, ${runnable} runnable with this config.\n`);
    return 0;
  } catch (error) {
    return reportError(error, (s) => process.stderr.write(s));
  }
}
