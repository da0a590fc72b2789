import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, configuredProviders, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { ConfigError, InternalError } from '../errors.js';
import { getProvider, PROVIDERS } from '../providers/registry.js';
import { plannedEnv } from '../runner/planned-env.js';
import { expandPaths } from '../util/glob.js';
import { checkInitOptions } from './check-init-options.js';
import { ensureProviderKeys } from './ensure-provider-keys.js';
import { EXAMPLE_SCENARIO_FILE, renderExampleScenario } from './example-scenario.js';
import { ensureGitignored } from './gitignore.js';
import { defaultCallbackPath, INIT_DEFAULTS } from './init-defaults.js';
import type { InitOptions } from './init-options.js';
import { nextSteps } from './next-steps.js';
import { renderConfig } from './render-config.js';
import { ENV_FILE, renderEnvFile } from './render-env-file.js';
import { SCAFFOLD_HOOKS } from './scaffold-hooks.js';
import { schemaModeline } from './schema-reference.js';
import { writeScaffoldFile, type WriteOutcome } from './write-scaffold-file.js';

/** One file (or keys folder) init took care of, and what it did with it. */
export interface InitFile {
  kind: 'config' | 'keys' | 'gitignore' | 'env' | 'scenario';
  /** Absolute path. */
  path: string;
  status: WriteOutcome;
  /** What the file is, or why it was kept. */
  note: string;
}

/** What {@link initProject} did. */
export interface InitResult {
  /** Absolute path of the folder set up. */
  dir: string;
  configFile: string;
  files: InitFile[];
  /** The PAYPROBE_* variables written to the env file (whether written now or before). */
  env: Record<string, string>;
  /** What to do next, as sentences and commands. */
  nextSteps: string[];
}

/** Entries init makes git ignore, next to the config. */
export const GITIGNORE_ENTRIES = ['.payprobe/', ENV_FILE] as const;

const KEPT = 'exists; --force to overwrite';

const ensureFolder = async (dir: string, shown: string): Promise<void> => {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info && !info.isDirectory()) throw new ConfigError(`Cannot set up payprobe in ${shown}: it is a file, not a folder. Pass --dir with a folder (it is created if missing).`);
  await mkdir(dir, { recursive: true });
};

/**
 * Sets up payprobe in a merchant project: config, sandbox keys, .gitignore entries, env file and a
 * first scenario. Existing files are kept unless `force` (keys are never regenerated); running it
 * twice changes nothing. Throws ConfigError for invalid options or an invalid existing config.
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const problems = checkInitOptions(options);
  if (problems.length) {
    throw new ConfigError(`Cannot set up payprobe: ${problems.length === 1 ? 'one option is' : `${problems.length} options are`} invalid.`, problems.map((message) => ({ message })));
  }
  const dir = path.resolve(options.cwd, options.dir ?? INIT_DEFAULTS.dir);
  const shown = (file: string) => path.relative(options.cwd, file) || '.';
  await ensureFolder(dir, shown(dir));
  const force = options.force === true;
  const files: InitFile[] = [];

  const providers = [...new Set(options.providers ?? Object.keys(PROVIDERS))];
  const configFile = path.join(dir, CONFIG_FILE);
  const configText = renderConfig({
    modeline: schemaModeline(dir),
    providers,
    baseUrl: options.baseUrl ?? INIT_DEFAULTS.baseUrl,
    start: options.start && { command: options.start.command, ready: options.start.ready ?? INIT_DEFAULTS.ready },
    hooks: Object.fromEntries(SCAFFOLD_HOOKS.map((h) => [h.name, options.hooks?.[h.name] ?? h.route])),
    callbacks: Object.fromEntries(providers.map((id) => [id, options.callbacks?.[id] ?? defaultCallbackPath(id)])),
  });
  const configStatus = await writeScaffoldFile(configFile, configText, { force });
  files.push({ kind: 'config', path: configFile, status: configStatus, note: configStatus === 'kept' ? KEPT : 'how payprobe reaches your app; edit it to match' });

  // From here on the config on disk is the truth: a kept config decides the keys, the env file and the scenario.
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig({ cwd: options.cwd, configPath: configFile });
  } catch (error) {
    if (configStatus === 'kept' && error instanceof ConfigError) {
      throw new ConfigError(`Cannot finish setting up from the existing ${shown(configFile)}: ${error.message} Fix it, or run \`payprobe init --force\` to replace it.`, error.problems, { cause: error });
    }
    throw new InternalError(`payprobe init wrote ${shown(configFile)} but cannot load it back (a bug in payprobe; please report it): ${(error as Error).message}`, { cause: error });
  }
  const configured = configuredProviders(loaded.config);

  for (const id of configured) {
    const section = loaded.config.providers[id as keyof typeof loaded.config.providers] as { keys?: unknown } | undefined;
    const status = await ensureProviderKeys(getProvider(id)!, section, dir);
    const keysPath = typeof section?.keys === 'string' ? path.resolve(dir, section.keys) : dir;
    files.push({
      kind: 'keys',
      path: keysPath,
      status,
      note: status === 'kept' ? `${id} sandbox keys exist; delete the folder to get new ones` : `${id} sandbox keys (private keys 0600, git-ignored)`,
    });
  }

  const gitignore = path.join(dir, '.gitignore');
  const ignoreStatus = await ensureGitignored(dir, GITIGNORE_ENTRIES, "payprobe: generated sandbox keys, and the env file with this machine's key paths");
  files.push({ kind: 'gitignore', path: gitignore, status: ignoreStatus, note: ignoreStatus === 'kept' ? `already ignores ${GITIGNORE_ENTRIES.join(' and ')}` : `ignores ${GITIGNORE_ENTRIES.join(' and ')}` });

  const env = await plannedEnv(loaded);
  const envFile = path.join(dir, ENV_FILE);
  const envStatus = await writeScaffoldFile(envFile, renderEnvFile(env, CONFIG_FILE), { force });
  files.push({ kind: 'env', path: envFile, status: envStatus, note: envStatus === 'kept' ? KEPT : 'the PAYPROBE_* variables your app reads' });

  const scenarioFile = path.join(dir, EXAMPLE_SCENARIO_FILE);
  const scenarioStatus = await writeScaffoldFile(scenarioFile, renderExampleScenario(configured[0]), { force });
  let scenarioNote = scenarioStatus === 'kept' ? KEPT : 'your first scenario, next to the built-in suite';
  const listed = await expandPaths(dir, loaded.config.scenarios ?? []);
  if (!listed.files.includes(scenarioFile)) scenarioNote += `; not run yet: add ${path.dirname(EXAMPLE_SCENARIO_FILE)}/*.yaml to scenarios in ${CONFIG_FILE}`;
  files.push({ kind: 'scenario', path: scenarioFile, status: scenarioStatus, note: scenarioNote });

  return { dir, configFile, files, env, nextSteps: nextSteps({ cwd: options.cwd, dir, config: loaded.config, configName: shown(configFile) }) };
}
