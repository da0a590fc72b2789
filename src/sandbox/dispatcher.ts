import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { CallbackMessage, CallbackVariant, ProviderRuntime } from '../providers/types.js';
import type { VirtualClock } from './clock.js';
import type { CallbackEntry, Journal } from './journal.js';
import type { LedgerOrder } from './ledger.js';

/** One logical notification to deliver, with its retry policy and simulated network trouble. */
export interface DeliveryRequest {
  provider: string;
  runtime: Pick<ProviderRuntime, 'buildCallback' | 'isAck' | 'retrySchedule'>;
  order: LedgerOrder;
  event: string;
  /** Name shown in reports: `genuine`, `forged`, `other-key`, `tampered`, `stale`, ... */
  variantName: string;
  variant: CallbackVariant;
  url: string;
  clock: VirtualClock;
  scenarioId?: string;
  /** Retry on the provider's schedule when the ack fails (what the real provider does for genuine callbacks). */
  retries: boolean;
  /** Attempts lost on the way: a number (the first N) or `all`. */
  lose?: number | 'all';
  /** The first N attempts reach the merchant but the provider never sees the ack. */
  dropAcks?: number;
  detail?: Record<string, unknown>;
  /** Reuse the key of an earlier delivery (a duplicate of the same notification). */
  deliveryKey?: string;
}

/** Sends callbacks to the merchant over undici and re-sends them on the provider's schedule. */
export interface Dispatcher {
  /**
   * Sends the first attempt and waits for the merchant's answer; later attempts are timers on the clock.
   * Callers may ignore the promise: the dispatcher tracks it (see `idle`) and observes its rejection.
   */
  deliver(request: DeliveryRequest): Promise<CallbackEntry>;
  /** Every attempt of a delivery so far. */
  attempts(deliveryId: string): CallbackEntry[];
  /** Resolves once no attempt for the scenario's orders is in flight (retries scheduled on the clock do not count). */
  idle(scenarioId: string | undefined): Promise<void>;
  close(): Promise<void>;
}

/** Options for {@link createDispatcher}. */
export interface DispatcherOptions {
  journal: Journal;
  /** How long the provider waits for the merchant's answer. Default 10 s. */
  timeoutMs?: number;
  nextDeliveryId: () => string;
}

/** Creates a dispatcher that records every attempt in the journal. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const agent = new Agent({ keepAliveTimeout: 4_000, connections: 64 });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const byDelivery = new Map<string, CallbackEntry[]>();
  const inFlight = new Map<string | undefined, Set<Promise<unknown>>>();
  const track = <T>(scenarioId: string | undefined, promise: Promise<T>): Promise<T> => {
    let set = inFlight.get(scenarioId);
    if (!set) inFlight.set(scenarioId, (set = new Set()));
    set.add(promise);
    const done = () => set!.delete(promise);
    promise.then(done, done);
    return promise;
  };

  const send = async (message: CallbackMessage, url: string): Promise<{ status?: number; body?: string; error?: string; latencyMs: number }> => {
    const started = performance.now();
    try {
      const res = await request(url, {
        method: message.method,
        headers: message.headers,
        body: message.body,
        dispatcher: agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const body = await res.body.text();
      return { status: res.statusCode, body, latencyMs: performance.now() - started };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return { error: e.code ? `${e.code}: ${e.message}` : String(e.message ?? error), latencyMs: performance.now() - started };
    }
  };

  const attempt = async (req: DeliveryRequest, deliveryId: string, deliveryKey: string, n: number): Promise<CallbackEntry> => {
    const at = req.clock.now();
    const message = req.runtime.buildCallback({
      order: req.order,
      event: req.event,
      variant: req.variant,
      attempt: n,
      at,
      deliveryKey,
      detail: req.detail,
    });
    const lost = req.lose === 'all' || (typeof req.lose === 'number' && n <= req.lose);
    const result = lost ? { error: 'lost: the sandbox dropped this attempt on the way (simulated)', latencyMs: 0 } : await send(message, req.url);
    const ackSeen = !lost && !(req.dropAcks && n <= req.dropAcks);
    const response = result.status === undefined ? undefined : { status: result.status, body: result.body ?? '' };
    const acked = ackSeen && response !== undefined && req.runtime.isAck(response);
    const entry = options.journal.record({
      kind: 'callback',
      provider: req.provider,
      at,
      scenarioId: req.scenarioId,
      orderRef: req.order.ref,
      deliveryId,
      event: req.event,
      variant: req.variantName,
      attempt: n,
      url: req.url,
      request: { headers: message.headers, body: message.body },
      response,
      error: result.error ?? (response && !ackSeen ? 'ack lost: the merchant answered but the sandbox ignored it (simulated)' : undefined),
      latencyMs: Math.round(result.latencyMs * 10) / 10,
      acked,
    });
    byDelivery.get(deliveryId)!.push(entry);
    const schedule = req.runtime.retrySchedule;
    if (!acked && req.retries && n <= schedule.length) {
      req.clock.schedule(req.clock.now() + schedule[n - 1], `${req.provider} ${req.event} attempt ${n + 1}`, async () => {
        await attempt(req, deliveryId, deliveryKey, n + 1);
      });
    }
    return entry;
  };

  return {
    deliver(req) {
      const deliveryId = options.nextDeliveryId();
      byDelivery.set(deliveryId, []);
      return track(req.scenarioId ?? req.order.scenarioId, attempt(req, deliveryId, req.deliveryKey ?? deliveryId, 1));
    },
    attempts: (deliveryId) => byDelivery.get(deliveryId) ?? [],
    async idle(scenarioId) {
      for (let set = inFlight.get(scenarioId); set?.size; set = inFlight.get(scenarioId)) await Promise.allSettled([...set]);
    },
    close: () => agent.close(),
  };
}
