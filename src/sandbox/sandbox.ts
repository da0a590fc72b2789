import type { RequestHandler } from 'msw';
import { ProviderError } from '../errors.js';
import { getProvider } from '../providers/registry.js';
import type { ProviderDefinition, ProviderRuntime } from '../providers/types.js';
import { createAttribution, type Attribution } from './attribution.js';
import { createVirtualClock, type VirtualClock } from './clock.js';
import { controlHandlers } from './control-api.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { createFaultRegistry, type FaultRegistry } from './faults.js';
import { startHttpTransport, type HttpTransport } from './http-transport.js';
import { createIdSource } from './ids.js';
import { createJournal, type Journal } from './journal.js';
import { createLedger, type Ledger } from './ledger.js';
import { createRedactor } from './redact.js';
import { sendNotify } from './send-notify.js';

/** Options for {@link createSandbox}. */
export interface SandboxOptions {
  /** Provider id → that provider's config section (already validated). */
  providers: Record<string, unknown>;
  /** Relative key paths in provider configs resolve against this folder. */
  baseDir: string;
  /** Generate keys that are missing instead of failing. Default true. */
  createKeys?: boolean;
  /** Seed for deterministic ids. Default `payprobe`. */
  seed?: string;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Provider id → port; 0 picks a free port. Default: each provider's default port. */
  ports?: Record<string, number>;
  /** Provider id → the merchant's absolute callback URL (used when an order carries none). */
  callbacks?: Record<string, string>;
  /** Let the sandbox's own clock flow with wall time (for `payprobe sandbox`). Scenario clocks are always frozen. */
  liveClock?: boolean;
  /** How long a callback waits for the merchant's answer. Default 10 s. */
  callbackTimeoutMs?: number;
}

/** What a merchant client needs for one provider: its URL plus the provider's ready facts. */
export type ProviderReadyInfo = { url: string } & Record<string, string>;

/** A sandbox for one or more providers. */
export interface Sandbox {
  readonly ledger: Ledger;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  readonly attribution: Attribution;
  readonly dispatcher: Dispatcher;
  /** Ids of the providers this sandbox simulates. */
  readonly providerIds: string[];
  definition(id: string): ProviderDefinition<any, any>;
  runtime(id: string): ProviderRuntime;
  /** The clock of a scenario (created frozen on first use), or the sandbox's own clock. */
  clock(scenarioId?: string): VirtualClock;
  /** Ends a scenario: cancels its pending retries and faults. */
  endScenario(scenarioId: string): void;
  /** Every MSW handler of every provider, for in-process interception. */
  handlers(): RequestHandler[];
  /** Starts one HTTP server per provider; resolves once all listen. */
  listen(): Promise<Record<string, ProviderReadyInfo>>;
  /** Ready facts per provider (after `listen`). */
  ready(): Record<string, ProviderReadyInfo>;
  /** The ready facts the sandbox will have once it listens on its configured ports (port 0 gives the default port). */
  plannedReady(): Record<string, ProviderReadyInfo>;
  close(): Promise<void>;
}

/** Creates a sandbox: loads (or generates) keys and builds each provider's simulation. Call `listen` to serve it. */
export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const ids = createIdSource(options.seed ?? 'payprobe');
  const redactor = createRedactor();
  const journal = createJournal(redactor);
  const ledger = createLedger(ids);
  const faults = createFaultRegistry();
  const attribution = createAttribution();
  const dispatcher = createDispatcher({ journal, timeoutMs: options.callbackTimeoutMs, nextDeliveryId: () => `dlv_${ids.seq('delivery')}` });
  const ownClock = createVirtualClock({ live: options.liveClock ?? false });
  const clocks = new Map<string, VirtualClock>();
  const clock = (scenarioId?: string): VirtualClock => {
    if (!scenarioId) return ownClock;
    let c = clocks.get(scenarioId);
    if (!c) {
      c = createVirtualClock({ start: ownClock.now() });
      clocks.set(scenarioId, c);
    }
    return c;
  };

  // An order created while exactly one scenario drives the merchant belongs to it.
  ledger.subscribe((change) => {
    if (change.type === 'order.created' && !change.order.scenarioId) {
      const current = attribution.current();
      if (current) ledger.claim(change.order.ref, current);
    }
  });

  const definitions = new Map<string, ProviderDefinition<any, any>>();
  const runtimes = new Map<string, ProviderRuntime>();
  const baseUrls = new Map<string, string>();
  for (const [id, config] of Object.entries(options.providers)) {
    const definition = getProvider(id);
    if (!definition) throw new ProviderError('UNKNOWN_PROVIDER', `payprobe has no ${id} sandbox.`);
    const keys = await definition.loadKeys(config, { baseDir: options.baseDir, create: options.createKeys ?? true });
    for (const secret of definition.secrets(keys, config)) redactor.add(secret);
    definitions.set(id, definition);
    baseUrls.set(id, definition.origin);
    runtimes.set(
      id,
      definition.create({
        id,
        config,
        keys,
        ledger,
        journal,
        dispatcher,
        faults,
        attribution,
        clock,
        baseUrl: () => baseUrls.get(id)!,
        defaultCallbackUrl: () => options.callbacks?.[id],
        deliverGenuine: (order, event, delivery) => {
          const scenarioId = delivery.scenarioId ?? order.scenarioId;
          return dispatcher.deliver({
            provider: id,
            runtime: runtimes.get(id)!,
            order,
            event,
            variantName: 'genuine',
            variant: { signer: 'provider' },
            url: delivery.url,
            clock: clock(scenarioId),
            scenarioId,
            retries: true,
            lose: delivery.lose,
            dropAcks: delivery.dropAcks,
            detail: delivery.detail,
          });
        },
      }),
    );
  }

  // Built once per provider: handlers keep state (`once`), and rebuilding them per request costs time.
  const handlerLists = new Map<string, RequestHandler[]>();
  const providerHandlers = (id: string): RequestHandler[] => {
    let list = handlerLists.get(id);
    if (!list) {
      list = [
        ...controlHandlers({
          provider: id,
          definition: definitions.get(id)!,
          ledger,
          journal,
          runtime: runtimes.get(id)!,
          clock,
          hasCallbackUrl: Boolean(options.callbacks?.[id]),
          notify: (input) => sendNotify(sandbox, { ...input, provider: id, url: input.url ?? input.order.notifyUrl ?? options.callbacks?.[id] ?? '', clock: clock(input.order.scenarioId) }),
        }),
        ...runtimes.get(id)!.handlers(),
      ];
      handlerLists.set(id, list);
    }
    return list;
  };
  const transports: HttpTransport[] = [];
  const readyInfo: Record<string, ProviderReadyInfo> = {};

  const sandbox: Sandbox = {
    ledger,
    journal,
    faults,
    attribution,
    dispatcher,
    providerIds: [...definitions.keys()],
    definition: (id) => definitions.get(id)!,
    runtime(id) {
      const r = runtimes.get(id);
      if (!r) throw new ProviderError('PROVIDER_NOT_CONFIGURED', `The ${id} sandbox is not configured; add providers.${id} to payprobe.config.yaml.`);
      return r;
    },
    clock,
    endScenario(scenarioId) {
      clocks.get(scenarioId)?.dispose();
      faults.clear(scenarioId);
    },
    handlers: () => [...definitions.keys()].flatMap(providerHandlers),
    async listen() {
      try {
        for (const [id, definition] of definitions) {
          const transport = await startHttpTransport({
            provider: id,
            host,
            port: options.ports?.[id] ?? definition.defaultPort,
            origin: definition.origin,
            handlers: () => providerHandlers(id),
            fallback: (request) =>
              new Response(`payprobe: no ${id} route for ${request.method} ${new URL(request.url).pathname}`, { status: 404 }),
          });
          transports.push(transport);
          baseUrls.set(id, transport.url);
          readyInfo[id] = { url: transport.url, ...runtimes.get(id)!.readyInfo() };
        }
      } catch (error) {
        await Promise.all(transports.map((t) => t.close()));
        throw error;
      }
      return readyInfo;
    },
    ready: () => readyInfo,
    plannedReady() {
      const planned: Record<string, ProviderReadyInfo> = {};
      const hostPart = host.includes(':') ? `[${host}]` : host;
      for (const [id, definition] of definitions) {
        const port = options.ports?.[id] || definition.defaultPort;
        const url = `http://${hostPart}:${port}`;
        const before = baseUrls.get(id)!;
        baseUrls.set(id, url);
        planned[id] = { url, ...runtimes.get(id)!.readyInfo() };
        baseUrls.set(id, before);
      }
      return planned;
    },
    async close() {
      ownClock.dispose();
      for (const c of clocks.values()) c.dispose();
      await Promise.all(transports.map((t) => t.close()));
      await dispatcher.close();
    },
  };
  return sandbox;
}
