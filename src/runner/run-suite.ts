import { createHash } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { configuredProviders, hookCaptures, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { MerchantError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import { createSandbox, type Sandbox } from '../sandbox/sandbox.js';
import { executeScenario } from '../scenario/execute-scenario.js';
import { createHookClient, type HookClient } from '../scenario/hook-client.js';
import { fixtureScenarios, type FixtureFileSpec } from '../scenario/fixture-scenario.js';
import { loadScenarios } from '../scenario/load-scenarios.js';
import type { Scenario } from '../scenario/model.js';
import { toScenarioInfo } from '../scenario/scenario-info.js';
import { envFromReady } from './env-vars.js';
import { sandboxOptionsFrom } from './sandbox-options.js';
import { checkSafety } from './safety.js';
import { freePort } from './free-port.js';
import { startMerchant, type MerchantProcess } from './merchant-process.js';
import { countResults, readinessTable } from './readiness.js';
import type { Reporter, RunResult, ScenarioResult } from './types.js';

/** Options for {@link runSuite}. */
export interface RunSuiteOptions {
  cwd: string;
  /** Config file; default `payprobe.config.yaml` in `cwd`. */
  configPath?: string;
  /** Scenario files, folders or globs; default: the built-in suite plus the config's `scenarios`. */
  paths?: string[];
  /** Environment the merchant inherits (the PAYPROBE_* variables are added). */
  env?: NodeJS.ProcessEnv;
  reporters?: Reporter[];
  signal?: AbortSignal;
  /** Seed for deterministic ids; default the config's `sandbox.seed`, else `payprobe`. */
  seed?: string;
  /** Only scenarios whose id or name matches. */
  grep?: RegExp;
  /** Only scenarios with one of these tags (or categories). */
  tags?: string[];
  /** Only scenarios of these providers. */
  providers?: string[];
  /** Stop after the first scenario that fails or errors. */
  bail?: boolean;
  /** Run only shard `index` (1-based) of `count`: every count-th scenario of the sorted list, for spreading a suite over CI runners. */
  shard?: { index: number; count: number };
  /** Interface the sandbox binds; default the config's `sandbox.host`. */
  host?: string;
  /** Provider fixture files (Stripe CLI fixtures) to run, each as a one-step scenario; without `paths`, only these run. */
  fixtures?: FixtureFileSpec[];
}

/** What the caller gets back: the result plus the exit code the CLI should use. */
export interface RunSuiteResult {
  result: RunResult;
  exitCode: 0 | 1 | 130;
}

const skipped = (scenario: Scenario, reason: string): ScenarioResult => ({ scenario: toScenarioInfo(scenario), status: 'skipped', reason, steps: [], durationMs: 0 });

/**
 * Runs a suite: loads the config and scenarios, starts the sandbox and (if configured) the merchant,
 * runs every scenario and reports. Throws ConfigError/ScenarioError (exit 2) or MerchantError/ProviderError (exit 3).
 */
export async function runSuite(options: RunSuiteOptions): Promise<RunSuiteResult> {
  const started = performance.now();
  const reporters = options.reporters ?? [];
  const emit = async <K extends keyof Reporter>(hook: K, ...args: Parameters<NonNullable<Reporter[K]>>): Promise<void> => {
    for (const r of reporters) await (r[hook] as ((...a: unknown[]) => unknown) | undefined)?.apply(r, args);
  };
  const loaded: LoadedConfig = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  const { config } = loaded;
  checkSafety({ loaded, env: config.merchant.start ? (options.env ?? process.env) : {} });
  const providers = configuredProviders(config);
  const onlyFixtures = Boolean(options.fixtures?.length) && !options.paths?.length;
  let scenarios = [
    ...(onlyFixtures
      ? []
      : await loadScenarios({
          cwd: options.cwd,
          paths: options.paths,
          builtinProviders: config.builtin ? providers : [],
          configPaths: config.scenarios,
          configDir: loaded.dir,
          context: { hookCaptures: hookCaptures(config) },
        })),
    ...fixtureScenarios(options.fixtures ?? [], options.cwd),
  ];
  if (options.grep) scenarios = scenarios.filter((s) => options.grep!.test(s.id) || options.grep!.test(s.name));
  if (options.tags?.length) scenarios = scenarios.filter((s) => options.tags!.some((t) => s.tags.includes(t) || s.category === t));
  if (options.providers?.length) scenarios = scenarios.filter((s) => options.providers!.includes(s.provider));
  if (options.shard) {
    const { index, count } = options.shard;
    scenarios = [...scenarios].sort((a, b) => a.id.localeCompare(b.id)).filter((_, i) => i % count === index - 1);
  }
  const seed = options.seed ?? config.sandbox.seed ?? 'payprobe';

  const portNeeded = config.merchant.baseUrl.includes('${PORT}');
  const merchantPort = portNeeded ? await freePort() : undefined;
  const baseUrl = config.merchant.baseUrl.replace('${PORT}', String(merchantPort ?? ''));
  const callbackUrl = (provider: string): string | undefined => {
    const p = config.merchant.callbacks?.[provider];
    return p === undefined ? undefined : new URL(p, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  };

  let sandbox: Sandbox | undefined;
  let merchant: MerchantProcess | undefined;
  let hooks: HookClient | undefined;
  const results: ScenarioResult[] = [];
  try {
    sandbox = await createSandbox(sandboxOptionsFrom(loaded, { seed, baseUrl, host: options.host }));
    const ready = await sandbox.listen();
    const sandboxEnv = envFromReady(ready);
    if (config.merchant.start) {
      const start = config.merchant.start;
      merchant = await startMerchant({
        command: start.command,
        cwd: path.resolve(loaded.dir, start.cwd ?? '.'),
        env: { ...(options.env ?? process.env), ...start.env, ...sandboxEnv, ...(merchantPort ? { PORT: String(merchantPort) } : {}) },
        readyUrl: new URL(start.ready, baseUrl).toString(),
        timeoutMs: parseDuration(start.timeout)!,
        signal: options.signal,
      });
    } else {
      await request(baseUrl, { method: 'GET', headersTimeout: 3_000 })
        .then((r) => r.body.dump())
        .catch((error: Error) => {
          throw new MerchantError(`The merchant is not reachable at ${baseUrl} (${(error as { code?: string }).code ?? error.message}). Start it, or set merchant.start in the config.`, { cause: error });
        });
    }
    const sb = sandbox;
    hooks = createHookClient({ baseUrl, hooks: config.merchant.hooks, timeoutMs: parseDuration(config.merchant.timeout)!, redact: (t) => sb.journal.redactor.text(t) });
    await emit('onRunStart', {
      scenarios: scenarios.map(toScenarioInfo),
      providers: Object.fromEntries(Object.entries(ready).map(([id, r]) => [id, r.url])),
      merchantUrl: baseUrl,
      seed,
      startedAt: new Date().toISOString(),
    });
    for (const scenario of scenarios) {
      if (options.signal?.aborted) break;
      const missing = scenario.hooks.filter((h) => !hooks!.has(h));
      let result: ScenarioResult;
      if (!config.providers[scenario.provider as keyof typeof config.providers]) {
        result = skipped(scenario, `providers.${scenario.provider} is not configured.`);
      } else if (missing.length) {
        result = skipped(scenario, `needs the ${missing.join(', ')} hook${missing.length > 1 ? 's' : ''}, which merchant.hooks does not define.`);
      } else {
        const info = toScenarioInfo(scenario);
        await emit('onScenarioStart', info);
        result = await executeScenario(scenario, {
          sandbox,
          hooks,
          statuses: config.merchant.statuses,
          callbackUrl,
          uid: createHash('sha256').update(`${seed}:${scenario.id}`).digest('hex').slice(0, 10),
          signal: options.signal,
          onStepResult: (step) => emit('onStepResult', info, step),
        });
      }
      results.push(result);
      await emit('onScenarioResult', result);
      if (options.bail && (result.status === 'failed' || result.status === 'errored')) break;
    }
  } finally {
    await hooks?.close();
    await merchant?.stop();
    await sandbox?.close();
  }
  const counts = countResults(results);
  const interrupted = options.signal?.aborted ?? false;
  const result: RunResult = {
    status: interrupted ? 'interrupted' : counts.failed || counts.errored ? 'failed' : 'passed',
    counts,
    scenarios: results,
    readiness: readinessTable(results),
    durationMs: performance.now() - started,
    seed,
  };
  await emit('onRunEnd', result);
  return { result, exitCode: interrupted ? 130 : result.status === 'failed' ? 1 : 0 };
}
