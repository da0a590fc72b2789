import { http, HttpResponse, type RequestHandler } from 'msw';
import { actAsBuyer } from './buyer-action.js';
import type { BuyerNotifyOptions, ProviderDefinition, ProviderRuntime } from '../providers/types.js';
import { renderCashierPage } from './cashier-page.js';
import type { VirtualClock } from './clock.js';
import { parseDuration } from '../util/duration.js';
import type { CallbackEntry, Journal } from './journal.js';
import { CALLBACK_VARIANTS, type CallbackVariantName, type SendNotifyOptions } from './send-notify.js';
import type { Ledger, LedgerOrder } from './ledger.js';

/** What the control API needs. */
export interface ControlApiDeps {
  provider: string;
  definition: ProviderDefinition<any, any>;
  ledger: Ledger;
  journal: Journal;
  runtime: ProviderRuntime;
  clock(scenarioId?: string): VirtualClock;
  /** Whether the config names a callback URL for this provider. */
  hasCallbackUrl: boolean;
  /** Sends callbacks for an order (the order's notify URL unless `url` is given). */
  notify(input: Omit<SendNotifyOptions, 'provider' | 'url' | 'clock'> & { url?: string }): Promise<CallbackEntry[]>;
}

/** The path prefix of payprobe's own routes on every provider server. */
export const CONTROL_PREFIX = '/_payprobe';

const orderView = (order: LedgerOrder, runtime: ProviderRuntime) => ({
  provider: order.provider,
  merchantOrderId: order.merchantOrderId,
  providerOrderId: order.providerOrderId,
  status: order.status,
  providerState: order.providerState,
  amount: runtime.formatAmount(order.amount, order.currency),
  currency: order.currency,
  refunded: runtime.formatAmount(order.refunded, order.currency),
  refunds: order.refunds.map((r) => ({ requestId: r.requestId, amount: runtime.formatAmount(r.amount, order.currency), status: r.status })),
  createdAt: new Date(order.createdAt).toISOString(),
  scenarioId: order.scenarioId ?? null,
});

const notifyModes = new Set(['deliver', 'lost', 'none']);

/**
 * payprobe's control API on a provider server (not part of the provider's protocol):
 * orders, buyer actions, the cashier page, the journal and the clock. Documented in the README.
 */
export function controlHandlers(deps: ControlApiDeps): RequestHandler[] {
  const base = `${deps.definition.origin}${CONTROL_PREFIX}`;
  const find = (id: string): LedgerOrder | undefined =>
    deps.ledger.find(deps.provider, { providerOrderId: id }) ?? deps.ledger.find(deps.provider, { merchantOrderId: id });
  const notFound = (id: string) =>
    HttpResponse.json({ error: { code: 'ORDER_NOT_FOUND', message: `The ${deps.provider} sandbox has no order ${id}.` } }, { status: 404 });

  const act = async (order: LedgerOrder, action: string, notify?: BuyerNotifyOptions) => {
    if (!deps.definition.buyerActions.includes(action)) {
      return { ok: false, reason: `Unknown buyer action "${action}"; ${deps.provider} buyers can ${deps.definition.buyerActions.join(', ')}.` };
    }
    const result = await actAsBuyer(deps, action, order, { notify });
    return { ok: result.ok, reason: result.reason };
  };

  return [
    http.get(`${base}/health`, () => HttpResponse.json({ ok: true, provider: deps.provider })),
    http.get(`${base}/orders`, () =>
      HttpResponse.json({ orders: deps.ledger.list({ provider: deps.provider }).map((o) => orderView(o, deps.runtime)) }),
    ),
    http.get(`${base}/orders/:id`, ({ params }) => {
      const order = find(String(params.id));
      return order ? HttpResponse.json(orderView(order, deps.runtime)) : notFound(String(params.id));
    }),
    http.post(`${base}/orders/:id/buyer/:action`, async ({ params, request }) => {
      const order = find(String(params.id));
      if (!order) return notFound(String(params.id));
      const body = (await request.json().catch(() => ({}))) as { notify?: string };
      if (body.notify !== undefined && !notifyModes.has(body.notify)) {
        return HttpResponse.json({ error: { code: 'BAD_REQUEST', message: 'notify must be deliver, lost or none.' } }, { status: 400 });
      }
      const result = await act(order, String(params.action), { mode: body.notify as BuyerNotifyOptions['mode'] });
      return HttpResponse.json({ ...result, order: orderView(order, deps.runtime) }, { status: result.ok ? 200 : 409 });
    }),
    http.post(`${base}/orders/:id/notify`, async ({ params, request }) => {
      const order = find(String(params.id));
      if (!order) return notFound(String(params.id));
      const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
      const events = Array.isArray(body.events) ? body.events.map(String) : typeof body.event === 'string' ? [body.event] : [];
      const variant = (body.variant ?? 'genuine') as CallbackVariantName;
      const bad = (message: string) => HttpResponse.json({ error: { code: 'BAD_REQUEST', message } }, { status: 400 });
      if (!events.length) return bad(`Send {"event": "..."}; ${deps.provider} events are ${deps.definition.events.join(', ')}.`);
      const unknown = events.find((e) => !deps.definition.events.includes(e));
      if (unknown) return bad(`${deps.definition.title} sends no "${unknown}" callback; events are ${deps.definition.events.join(', ')}.`);
      if (!CALLBACK_VARIANTS.includes(variant)) return bad(`Unknown variant "${variant}"; variants are ${CALLBACK_VARIANTS.join(', ')}.`);
      const url = typeof body.url === 'string' ? body.url : undefined;
      if (!url && !order.notifyUrl && !deps.hasCallbackUrl) return bad(`Order ${order.merchantOrderId} has no notify URL and the config has no merchant.callbacks.${deps.provider}; send {"url": "..."}.`);
      const attempts = await deps.notify({
        order,
        events,
        variant,
        override: body.override as Record<string, string> | undefined,
        tamper: body.tamper as Record<string, string> | undefined,
        times: typeof body.times === 'number' ? body.times : 1,
        concurrent: body.concurrent === true,
        url,
        scenarioId: order.scenarioId,
        key: `control:${deps.journal.all().length}`,
      });
      return HttpResponse.json({ attempts });
    }),
    http.get(`${base}/cashier/:id`, ({ params }) => {
      const order = find(String(params.id));
      if (!order) return HttpResponse.text('No such order in this sandbox.', { status: 404 });
      return HttpResponse.html(renderCashierPage({ order, definition: deps.definition, runtime: deps.runtime, actionUrl: `${CONTROL_PREFIX}/cashier/${encodeURIComponent(order.providerOrderId)}` }));
    }),
    http.post(`${base}/cashier/:id`, async ({ params, request }) => {
      const order = find(String(params.id));
      if (!order) return HttpResponse.text('No such order in this sandbox.', { status: 404 });
      const form = new URLSearchParams(await request.text());
      const result = await act(order, form.get('action') ?? '');
      return HttpResponse.html(
        renderCashierPage({ order, definition: deps.definition, runtime: deps.runtime, actionUrl: `${CONTROL_PREFIX}/cashier/${encodeURIComponent(order.providerOrderId)}`, result }),
        { status: result.ok ? 200 : 409 },
      );
    }),
    http.get(`${base}/journal`, ({ request }) => {
      const since = Number(new URL(request.url).searchParams.get('since') ?? 0);
      return HttpResponse.json({ entries: deps.journal.all().filter((e) => e.provider === deps.provider && e.seq > since) });
    }),
    http.post(`${base}/clock/advance`, async ({ request }) => {
      const body = (await request.json().catch(() => ({}))) as { by?: string };
      const ms = typeof body.by === 'string' ? parseDuration(body.by) : undefined;
      if (ms === undefined) return HttpResponse.json({ error: { code: 'BAD_REQUEST', message: 'Send {"by": "4m"} (ms, s, m, h, d).' } }, { status: 400 });
      const fired = await deps.clock().advance(ms);
      return HttpResponse.json({ now: new Date(deps.clock().now()).toISOString(), fired });
    }),
  ];
}
