import { configuredProviders, type LoadedConfig } from '../config/load-config.js';
import type { SandboxOptions } from '../sandbox/sandbox.js';
import { parseDuration } from '../util/duration.js';

/** Sandbox options from a loaded config: its providers, keys folder, host, ports, seed and callback URLs. */
export function sandboxOptionsFrom(loaded: LoadedConfig, overrides: { host?: string; seed?: string; baseUrl?: string; liveClock?: boolean } = {}): SandboxOptions {
  const { config } = loaded;
  const baseUrl = overrides.baseUrl ?? config.merchant.baseUrl;
  const callbacks: Record<string, string> = {};
  for (const [id, p] of Object.entries(config.merchant.callbacks ?? {})) {
    if (/^https?:/.test(p)) callbacks[id] = new URL(p).toString();
    else if (!baseUrl.includes('${PORT}')) callbacks[id] = new URL(p, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  }
  return {
    providers: Object.fromEntries(configuredProviders(config).map((id) => [id, config.providers[id as keyof typeof config.providers]])),
    baseDir: loaded.dir,
    seed: overrides.seed ?? config.sandbox.seed ?? 'payprobe',
    host: overrides.host ?? config.sandbox.host,
    ports: config.sandbox.ports,
    callbacks,
    callbackTimeoutMs: parseDuration(config.sandbox.callbackTimeout),
    liveClock: overrides.liveClock,
  };
}
