import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { PayprobeError } from '../errors.js';
import { FIXTURE_USER_AGENT } from '../providers/types.js';
import { actAsBuyer } from '../sandbox/buyer-action.js';
import type { CallbackEntry, JournalEntry } from '../sandbox/journal.js';
import type { LedgerOrder } from '../sandbox/ledger.js';
import { parseDuration } from '../util/duration.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { sendNotify } from '../sandbox/send-notify.js';
import { checkExpectations } from './assertions.js';
import type { HookCallResult, HookClient } from './hook-client.js';
import type { Scenario, Step } from './model.js';
import type { ExchangeView, Failure, ScenarioResult, StepResult } from './result.js';
import { toScenarioInfo } from './scenario-info.js';
import { expand, expandString, TemplateError } from './template.js';

/** What running a scenario needs. */
export interface ExecuteOptions {
  sandbox: Sandbox;
  hooks: HookClient;
  statuses?: Record<string, string | string[]>;
  /** The merchant's absolute callback URL for a provider, from the config. */
  callbackUrl(provider: string): string | undefined;
  /** A value unique to this scenario in this run (for `${uid}`). */
  uid: string;
  signal?: AbortSignal;
  onStepResult?(result: StepResult): void | Promise<void>;
}

/** A step could not run. */
class StepError extends PayprobeError {}

const browser = new Agent({ keepAliveTimeout: 1_000 });

const dateIn = (ms: number, offsetMinutes: number): string => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);

const journalView = (e: JournalEntry): ExchangeView | undefined => {
  if (e.kind === 'request') {
    const caller = e.request.headers['user-agent'] === FIXTURE_USER_AGENT ? 'fixture' : 'merchant';
    return { kind: 'request', label: `${caller} → ${e.api ?? `${e.provider} (unknown route)`}`, method: e.method, url: e.url, requestBody: e.request.body.slice(0, 2000), status: e.response.status, responseBody: e.response.body.slice(0, 2000), error: e.fault ? `fault injected: ${e.fault}` : undefined };
  }
  if (e.kind === 'callback') {
    return { kind: 'callback', label: `${e.event} (${e.variant}) attempt ${e.attempt}`, method: 'POST', url: e.url, requestBody: e.request.body.slice(0, 2000), status: e.response?.status, responseBody: e.response?.body.slice(0, 2000), error: e.error };
  }
  return undefined;
};

/** Runs one scenario against the merchant and the sandbox, step by step; never throws for a merchant's mistake. */
export async function executeScenario(scenario: Scenario, options: ExecuteOptions): Promise<ScenarioResult> {
  const { sandbox } = options;
  const runId = scenario.id;
  const provider = scenario.provider;
  const definition = sandbox.definition(provider);
  const runtime = sandbox.runtime(provider);
  const clock = sandbox.clock(runId);
  const offset = definition.utcOffsetMinutes ?? 0;
  const scope = new Map<string, unknown>([
    ['provider', provider],
    ['scenario', scenario.id],
    ['uid', options.uid],
  ]);
  for (const [k, v] of Object.entries(scenario.vars)) scope.set(k, v);
  const ownerOf = (ref: string) => sandbox.ledger.get(ref)?.scenarioId;
  const entries = (): JournalEntry[] => sandbox.journal.forScenario(runId, ownerOf);

  const findOrder = (explicit?: string): LedgerOrder => {
    if (explicit) {
      const id = String(expandString(explicit, scope));
      const order = sandbox.ledger.find(provider, { merchantOrderId: id }) ?? sandbox.ledger.find(provider, { providerOrderId: id });
      if (!order) throw new StepError('NO_ORDER', `The ${provider} sandbox has no order ${id}.`);
      return order;
    }
    const mine = sandbox.ledger.list({ provider, scenarioId: runId });
    const order = mine[mine.length - 1];
    if (!order) {
      throw new StepError('NO_ORDER', `The merchant has not created any ${provider} order at the sandbox in this scenario, so there is nothing to act on. Check that the checkout hook calls ${definition.title}.`);
    }
    return order;
  };

  const withAttribution = async <T>(fn: () => Promise<T>): Promise<T> => {
    const end = sandbox.attribution.begin(runId);
    try {
      return await fn();
    } finally {
      end();
    }
  };

  const runStep = async (step: Step): Promise<{ failures: Failure[]; exchanges: ExchangeView[] }> => {
    const spec = step.spec;
    scope.set('now', new Date(clock.now()).toISOString());
    scope.set('today', dateIn(clock.now(), offset));
    scope.set('yesterday', dateIn(clock.now() - 86_400_000, offset));
    const before = sandbox.journal.all().length;
    const exchanges: ExchangeView[] = [];
    let hook: { name: string; result: HookCallResult } | undefined;

    switch (step.kind) {
      case 'hook': {
        const name = spec.hook!;
        const local = new Map(scope);
        for (const [k, v] of Object.entries(spec.with ?? {})) local.set(k, expand(v, scope));
        const result = await withAttribution(async () => {
          try {
            return await options.hooks.call(name, local, { capture: spec.capture, signal: options.signal });
          } catch (error) {
            const exchange = (error as { exchange?: ExchangeView }).exchange;
            if (exchange) exchanges.push(exchange);
            throw error;
          }
        });
        // Orders created during the call but not yet attributed (concurrent scenarios) are claimed by id.
        for (const order of sandbox.ledger.list({ provider })) {
          if (!order.scenarioId && result.text.includes(order.merchantOrderId)) sandbox.ledger.claim(order.ref, runId);
        }
        exchanges.push(result.exchange);
        for (const [k, v] of Object.entries(result.captures)) scope.set(k, v);
        hook = { name, result };
        break;
      }
      case 'buyer': {
        const b = typeof spec.buyer === 'string' ? { action: spec.buyer } : spec.buyer!;
        if ('url' in b && b.url) {
          const url = String(expandString(b.url, scope));
          await withAttribution(async () => {
            const res = await request(url, { method: 'GET', dispatcher: browser });
            await res.body.text();
          });
        }
        const order = findOrder('order' in b ? b.order : undefined);
        const result = await actAsBuyer({ provider, runtime, journal: sandbox.journal, clock: () => clock }, b.action, order, {
          scenarioId: runId,
          notify: { mode: 'notify' in b ? b.notify : undefined, dropAcks: 'dropAcks' in b ? b.dropAcks : undefined },
        });
        if (!result.ok) throw new StepError('BUYER_REFUSED', `The ${provider} sandbox refused "${b.action}": ${result.reason}.`);
        break;
      }
      case 'notify': {
        const n = spec.notify!;
        const order = findOrder(n.order);
        const url = order.notifyUrl ?? options.callbackUrl(provider);
        if (!url) throw new StepError('NO_CALLBACK_URL', `Order ${order.merchantOrderId} has no notify URL and the config has no merchant.callbacks.${provider}.`);
        await sendNotify(sandbox, {
          provider,
          order,
          events: Array.isArray(n.event) ? n.event : [n.event],
          variant: n.variant,
          override: n.override && expand(n.override, scope),
          tamper: n.tamper && expand(n.tamper, scope),
          staleByMs: n.staleBy ? parseDuration(n.staleBy) : undefined,
          times: n.times,
          concurrent: n.concurrent,
          retries: n.retries,
          url,
          clock,
          scenarioId: runId,
          key: `${runId}:${step.index}`,
        });
        break;
      }
      case 'advance':
        await clock.advance(parseDuration(spec.advance!)!);
        break;
      case 'let':
        for (const [k, v] of Object.entries(spec.let ?? {})) scope.set(k, expand(v, scope));
        break;
      case 'fault': {
        const f = spec.fault!;
        sandbox.faults.add({ provider, api: f.api, kind: f.kind, remaining: f.times, delayMs: f.delay ? parseDuration(f.delay) : undefined, scenarioId: runId });
        break;
      }
      case 'fixture': {
        const f = spec.fixture!;
        if (!runtime.runFixture || !step.fixture) throw new StepError('NO_FIXTURES', `${definition.title} runs no fixture files.`);
        const vars = typeof f === 'string' ? {} : expand(f.env ?? {}, scope);
        const env = { ...process.env, ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v === null ? '' : String(v)])) };
        // The objects the fixture creates belong to this scenario, as if the merchant had made them.
        const result = await withAttribution(() => runtime.runFixture!(step.fixture!.content, { env }));
        const bad = result.steps.find((r) => !r.ok);
        if (bad) throw new StepError('FIXTURE_STEP', `${definition.fixtures?.title ?? 'Fixture'} step "${bad.name}" (${bad.method.toUpperCase()} ${bad.path}) did not go as the file says: ${bad.problem}.`);
        break;
      }
      default:
        break;
    }

    // Callbacks the step caused in the background (a refund's notify) land before anything is checked.
    await sandbox.dispatcher.idle(runId);
    const stepEntries = sandbox.journal.all().slice(before).filter((e) => (e.orderRef ? ownerOf(e.orderRef) === runId : e.scenarioId === runId));
    // Show the sandbox URL the merchant really called, not the provider origin it stands for.
    const sandboxUrl = sandbox.ready()[provider]?.url;
    for (const e of stepEntries) {
      const v = journalView(e);
      if (v && sandboxUrl && v.kind === 'request') v.url = v.url.replace(definition.origin, sandboxUrl);
      if (v) exchanges.push(v);
    }
    const stepCallbacks = stepEntries.filter((e): e is CallbackEntry => e.kind === 'callback' && e.attempt === 1);
    const failures = checkExpectations({
      expect: spec.expect ?? {},
      scope,
      sandbox,
      provider,
      scenarioEntries: entries,
      stepCallbacks,
      hook,
      statuses: options.statuses,
      order: () => findOrder(),
      orders: () => sandbox.ledger.list({ provider, scenarioId: runId }),
    });
    return { failures, exchanges };
  };

  const started = performance.now();
  const results: StepResult[] = [];
  let stopReason: string | undefined;
  for (const step of scenario.steps) {
    const base = { index: step.index, kind: step.kind, title: step.title, location: step.location };
    if (stopReason || options.signal?.aborted) {
      const result: StepResult = { ...base, status: 'skipped', durationMs: 0, failures: [], exchanges: [], skipReason: options.signal?.aborted ? 'interrupted' : stopReason };
      results.push(result);
      await options.onStepResult?.(result);
      continue;
    }
    const t0 = performance.now();
    let result: StepResult;
    try {
      const { failures, exchanges } = await runStep(step);
      result = { ...base, status: failures.length ? 'failed' : 'passed', durationMs: performance.now() - t0, failures, exchanges };
    } catch (error) {
      const e = error as { code?: string; message?: string; exchange?: ExchangeView };
      const code = error instanceof TemplateError ? error.code : (e.code ?? 'STEP_ERROR');
      result = { ...base, status: 'errored', durationMs: performance.now() - t0, failures: [], exchanges: e.exchange ? [e.exchange] : [], error: { code, message: e.message ?? String(error) } };
    }
    if (result.status !== 'passed') stopReason = `step ${step.index + 1} ${result.status}`;
    results.push(result);
    await options.onStepResult?.(result);
  }
  sandbox.endScenario(runId);
  const status = results.some((r) => r.status === 'failed') ? 'failed' : results.some((r) => r.status === 'errored') ? 'errored' : options.signal?.aborted ? 'skipped' : 'passed';
  const firstBad = results.find((r) => r.status === 'failed' || r.status === 'errored');
  return {
    scenario: toScenarioInfo(scenario),
    status,
    reason: firstBad?.error?.message ?? firstBad?.failures[0]?.message,
    steps: results,
    durationMs: performance.now() - started,
  };
}
