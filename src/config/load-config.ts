import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, type Problem } from '../errors.js';
import { getProvider } from '../providers/registry.js';
import { parseYamlSource } from '../util/yaml-source.js';
import { zodProblems } from '../util/zod-problems.js';
import { configSchema, type PayprobeConfig } from './schema.js';

/** The file name payprobe looks for in the current folder. */
export const CONFIG_FILE = 'payprobe.config.yaml';

/** A loaded config and where it came from. */
export interface LoadedConfig {
  config: PayprobeConfig;
  /** Absolute path of the file. */
  file: string;
  /** The path shown to people (relative to the working folder). */
  displayFile: string;
  /** Folder of the file: relative paths in it resolve here. */
  dir: string;
}

/** Loads and validates a config file; throws {@link ConfigError} listing every problem. */
export async function loadConfig(options: { cwd: string; configPath?: string }): Promise<LoadedConfig> {
  const file = path.resolve(options.cwd, options.configPath ?? CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(
      missing
        ? `No config at ${path.relative(options.cwd, file) || file}. Run \`payprobe init\` to create one, or pass --config <path>.`
        : `Cannot read ${file}: ${(error as Error).message}.`,
      [],
      { cause: error },
    );
  }
  const display = path.relative(options.cwd, file) || file;
  const parsed = parseYamlSource(display, text);
  if (!parsed.source) throw new ConfigError(`${display} is not valid YAML.`, parsed.problems);
  const source = parsed.source;
  const result = configSchema.safeParse(source.value ?? {});
  const problems: Problem[] = result.success ? [] : zodProblems(source, configSchema, result.error.issues);
  if (result.success) {
    const config = result.data;
    for (const id of Object.keys(config.merchant.callbacks ?? {})) {
      if (!getProvider(id)) problems.push(source.problem(['merchant', 'callbacks', id], `Unknown provider "${id}" in merchant.callbacks.`, { key: true }));
    }
    for (const id of Object.keys(config.sandbox.ports ?? {})) {
      if (!getProvider(id)) problems.push(source.problem(['sandbox', 'ports', id], `Unknown provider "${id}" in sandbox.ports.`, { key: true }));
    }
    if (!Object.values(config.providers).some(Boolean)) {
      problems.push(source.problem(['providers'], 'No provider is configured. Add at least one, e.g. `providers: { alipay: {} }`.'));
    }
    try {
      new URL(config.merchant.baseUrl.replace('${PORT}', '1'));
    } catch {
      problems.push(source.problem(['merchant', 'baseUrl'], `merchant.baseUrl is not a URL: ${config.merchant.baseUrl}.`));
    }
    if (!problems.length) return { config, file, displayFile: display, dir: path.dirname(file) };
  }
  throw new ConfigError(`${display} has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, problems);
}

/** Ids of the providers the config enables. */
export function configuredProviders(config: PayprobeConfig): string[] {
  return Object.entries(config.providers).filter(([, v]) => v !== undefined).map(([id]) => id);
}

/** Hook name → the variables its config captures (what scenarios may use after calling it). */
export function hookCaptures(config: PayprobeConfig): Record<string, string[]> {
  return Object.fromEntries(Object.entries(config.merchant.hooks).map(([name, hook]) => [name, Object.keys(hook.capture ?? {})]));
}
