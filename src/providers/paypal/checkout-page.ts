import { http, HttpResponse, type RequestHandler } from 'msw';
import { actAsBuyer } from '../../sandbox/buyer-action.js';
import { renderCashierPage } from '../../sandbox/cashier-page.js';
import type { ProviderDefinition, ProviderRuntime } from '../types.js';
import { BUYER_ACTIONS } from './buyer.js';
import type { PaypalEnv } from './env.js';

/**
 * GET/POST /checkoutnow?token=<order id>: the page the `approve` / `payer-action` link opens, PayPal's hosted
 * checkout in the sandbox. The buyer picks an outcome; after approve the browser goes to the order's return_url
 * (`?token=<order id>&PayerID=…`), after cancel to its cancel_url (`?token=<order id>`), as PayPal redirects.
 */
export function checkoutPageHandlers(env: PaypalEnv, origin: string, runtime: ProviderRuntime): RequestHandler[] {
  const definition = { title: 'PayPal', buyerActions: BUYER_ACTIONS } as unknown as ProviderDefinition;
  const page = (token: string) => `/checkoutnow?token=${encodeURIComponent(token)}`;
  const missing = () => HttpResponse.text('No such PayPal order in this sandbox.', { status: 404 });
  return [
    http.get(`${origin}/checkoutnow`, ({ request }) => {
      const rec = env.orders.get(new URL(request.url).searchParams.get('token') ?? '');
      if (!rec) return missing();
      return HttpResponse.html(renderCashierPage({ order: rec.ledger, definition, runtime, actionUrl: page(rec.id) }));
    }),
    http.post(`${origin}/checkoutnow`, async ({ request }) => {
      const rec = env.orders.get(new URL(request.url).searchParams.get('token') ?? '');
      if (!rec) return missing();
      const action = new URLSearchParams(await request.text()).get('action') ?? '';
      const order = rec.ledger;
      const result = await actAsBuyer({ provider: env.deps.provider, runtime, journal: env.ctx.journal, clock: env.clock }, action, order);
      const back = action === 'cancel' ? rec.cancelUrl : action.startsWith('approve') ? rec.returnUrl : undefined;
      if (result.ok && back) {
        const url = new URL(back);
        url.searchParams.set('token', rec.id);
        if (action !== 'cancel') url.searchParams.set('PayerID', String(rec.payer?.payer_id ?? ''));
        return new HttpResponse(null, { status: 303, headers: { Location: url.toString() } });
      }
      return HttpResponse.html(renderCashierPage({ order, definition, runtime, actionUrl: page(rec.id), result: { ok: result.ok, reason: result.reason } }), { status: result.ok ? 200 : 409 });
    }),
  ];
}
