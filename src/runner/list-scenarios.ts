import { configuredProviders, hookCaptures, loadConfig } from '../config/load-config.js';
import { loadScenarios } from '../scenario/load-scenarios.js';

/** One row of `payprobe list`. */
export interface ScenarioListing {
  id: string;
  file: string;
  line: number;
  name: string;
  provider: string;
  category: string;
  tags: string[];
  catches: string[];
  hooks: string[];
  /** Hooks the config lacks; the scenario is skipped while any are missing. */
  missingHooks: string[];
  /** Whether the config enables the provider. */
  providerConfigured: boolean;
  runnable: boolean;
}

/** Lists the scenarios `run` would use (or those at `paths`) and whether the config can run each. */
export async function listScenarios(options: { cwd: string; configPath?: string; paths?: string[] }): Promise<ScenarioListing[]> {
  const loaded = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  const providers = configuredProviders(loaded.config);
  const scenarios = await loadScenarios({
    cwd: options.cwd,
    paths: options.paths,
    builtinProviders: loaded.config.builtin ? providers : [],
    configPaths: loaded.config.scenarios,
    configDir: loaded.dir,
    context: { hookCaptures: hookCaptures(loaded.config) },
  });
  return scenarios.map((s) => {
    const missingHooks = s.hooks.filter((h) => !Object.hasOwn(loaded.config.merchant.hooks, h));
    const providerConfigured = providers.includes(s.provider);
    return { id: s.id, file: s.file, line: s.location.line, name: s.name, provider: s.provider, category: s.category, tags: s.tags, catches: s.catches, hooks: s.hooks, missingHooks, providerConfigured, runnable: providerConfigured && missingHooks.length === 0 };
  });
}
