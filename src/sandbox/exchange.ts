import { HttpResponse, delay } from 'msw';
import type { Attribution } from './attribution.js';
import type { VirtualClock } from './clock.js';
import type { FaultRegistry, FaultRule } from './faults.js';
import type { Journal } from './journal.js';
import type { LedgerOrder } from './ledger.js';

/** One call of the merchant to a provider API, as a route handler sees it. */
export interface ExchangeCall {
  request: Request;
  url: URL;
  /** The body bytes exactly as received. */
  raw: Buffer;
  /** Names the call for the journal (which API, which business fields, which order). */
  identify(info: { api?: string; fields?: Record<string, unknown>; order?: LedgerOrder }): void;
  /** Marks the call as refused by the provider (the journal shows the code). */
  refuse(code: string, message: string): void;
  /** Marks the call as matching no route. */
  unhandled(): void;
  /**
   * The fault to inject into this call, if a rule matches. Reading it consumes one use of the rule,
   * so read it only once the provider is about to process the call: a call the provider refuses
   * (bad signature, missing parameter) never consumes a fault. A processed call that never read it
   * still gets the generic faults (`reset`, `delay`).
   */
  readonly fault: FaultRule | undefined;
  /** The scenario this call belongs to, once known. */
  readonly scenarioId: string | undefined;
}

/** What {@link journaled} needs from the sandbox. */
export interface ExchangeDeps {
  provider: string;
  journal: Journal;
  faults: FaultRegistry;
  attribution: Attribution;
  clock(scenarioId?: string): VirtualClock;
}

const headerObject = (headers: Headers): Record<string, string> => Object.fromEntries(headers.entries());

/**
 * Wraps a provider route so that every call is journaled (request, response, API, fields, order)
 * and generic faults (reset, delay) are applied, in both transports alike.
 */
export function journaled(deps: ExchangeDeps, resolve: (call: ExchangeCall) => Promise<Response>) {
  return async ({ request }: { request: Request }): Promise<Response> => {
    const raw = Buffer.from(await request.arrayBuffer());
    const url = new URL(request.url);
    let info: { api?: string; fields?: Record<string, unknown>; order?: LedgerOrder } = {};
    let fault: FaultRule | undefined;
    let faultTaken = false;
    let refusal: { code: string; message: string } | undefined;
    let unhandled = false;
    const scenarioOf = (): string | undefined => info.order?.scenarioId ?? deps.attribution.current();
    const takeFault = (): FaultRule | undefined => {
      if (!faultTaken && !refusal && !unhandled) {
        faultTaken = true;
        fault = deps.faults.take(deps.provider, info.api, scenarioOf());
      }
      return fault;
    };
    const call: ExchangeCall = {
      request,
      url,
      raw,
      identify(next) {
        info = { ...info, ...next };
      },
      refuse(code, message) {
        refusal = { code, message };
      },
      unhandled() {
        unhandled = true;
      },
      get fault() {
        return takeFault();
      },
      get scenarioId() {
        return scenarioOf();
      },
    };
    const response = await resolve(call);
    takeFault();
    const scenarioId = scenarioOf();
    const responseBody = await response.clone().text();
    deps.journal.record({
      kind: 'request',
      provider: deps.provider,
      at: deps.clock(scenarioId).now(),
      scenarioId,
      orderRef: info.order?.ref,
      method: request.method,
      url: request.url,
      path: url.pathname,
      api: info.api,
      fields: info.fields,
      request: { headers: headerObject(request.headers), body: raw.toString('utf8') },
      response: { status: response.status, headers: headerObject(response.headers), body: responseBody },
      fault: fault?.kind,
      unhandled: unhandled || undefined,
      error: refusal,
    });
    if (fault?.kind === 'delay') await delay(fault.delayMs ?? 5_000);
    // The provider did the work; the merchant never hears about it.
    if (fault?.kind === 'reset') return HttpResponse.error();
    return response;
  };
}
