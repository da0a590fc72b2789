import { loadConfig } from '../config/load-config.js';
import { loadScenarios } from '../scenario/load-scenarios.js';
import { reportError } from './report-error.js';

/** `payprobe validate`: checks the config and scenarios; returns 0 or 2. */
export async function validateCommand(paths: string[], opts: { config: string }): Promise<number> {
  const cwd = process.cwd();
  try {
    const loaded = await loadConfig({ cwd, configPath: opts.config });
    const providers = Object.entries(loaded.config.providers).filter(([, v]) => v).map(([id]) => id);
    const hookCaptures = Object.fromEntries(Object.entries(loaded.config.merchant.hooks).map(([k, h]) => [k, Object.keys(h.capture ?? {})]));
    const scenarios = await loadScenarios({ cwd, paths, builtinProviders: loaded.config.builtin ? providers : [], configPaths: loaded.config.scenarios, configDir: loaded.dir, context: { hookCaptures } });
    process.stdout.write(`${loaded.file.replace(`${cwd}/`, '')} and ${scenarios.length} scenario file${scenarios.length === 1 ? '' : 's'} are valid.\n`);
    return 0;
  } catch (error) {
    return reportError(error, (s) => process.stderr.write(s));
  }
}
