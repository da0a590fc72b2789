import { configuredProviders, hookCaptures, loadConfig } from '../config/load-config.js';
import { loadScenarios } from '../scenario/load-scenarios.js';
import { reportError } from './report-error.js';

/** `payprobe validate`: checks the config and scenarios; returns 0 or 2. */
export async function validateCommand(paths: string[], opts: { config: string }): Promise<number> {
  const cwd = process.cwd();
  try {
    const loaded = await loadConfig({ cwd, configPath: opts.config });
    const providers = configuredProviders(loaded.config);
    const scenarios = await loadScenarios({ cwd, paths, builtinProviders: loaded.config.builtin ? providers : [], configPaths: loaded.config.scenarios, configDir: loaded.dir, context: { hookCaptures: hookCaptures(loaded.config) } });
    process.stdout.write(`${loaded.file.replace(`${cwd}/`, '')} and ${scenarios.length} scenario file${scenarios.length === 1 ? '' : 's'} are valid.\n`);
    return 0;
  } catch (error) {
    return reportError(error, (s) => process.stderr.write(s));
  }
}
