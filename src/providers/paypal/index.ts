import { defineProvider, type ProviderRuntime } from '../types.js';
import { durationsMs } from '../../util/duration.js';
import { formatPaypalAmount, parsePaypalAmount } from './amount.js';
import { actAsBuyer, BUYER_ACTIONS } from './buyer.js';
import { buildPaypalCallback, certUrl, isPaypalAck } from './callback.js';
import { checkoutPageHandlers } from './checkout-page.js';
import { paypalConfigSchema, resolvePaypalConfig, type PaypalConfig } from './config.js';
import { PROVIDER_ID, type PaypalEnv, type PaypalEvent } from './env.js';
import { PAYPAL_EVENTS } from './events.js';
import { createIdempotencyStore } from '../../sandbox/idempotency.js';
import { loadPaypalKeys, paypalSecrets, type PaypalKeys } from './keys.js';
import { API_NAMES, paypalHandlers } from './routes.js';

/**
 * The origin the handlers are written against: PayPal's sandbox REST host, which the official SDK's
 * `Environment.Sandbox` calls, so in-process interception serves an unmodified SDK. The production host
 * (api-m.paypal.com) is one payprobe refuses to let a merchant point at (src/runner/safety.ts).
 */
export const PAYPAL_ORIGIN = 'https://api-m.sandbox.paypal.com';

/** The PayPal provider: OAuth client credentials, Orders v2, Payments v2 (authorizations, captures, refunds), signed webhooks and their verification endpoint. */
export const paypal = defineProvider<PaypalConfig, PaypalKeys>({
  id: PROVIDER_ID,
  title: 'PayPal',
  origin: PAYPAL_ORIGIN,
  defaultPort: 4104,
  configSchema: paypalConfigSchema,
  events: PAYPAL_EVENTS,
  buyerActions: BUYER_ACTIONS,
  apis: API_NAMES,
  loadKeys: (config, options) => loadPaypalKeys(resolvePaypalConfig(config), options),
  secrets: (keys) => paypalSecrets(keys),
  create(ctx): ProviderRuntime {
    const config = resolvePaypalConfig(ctx.config);
    const retrySchedule = durationsMs(config.notifyRetry);
    const synthesized = new Map<string, PaypalEvent>();
    const env: PaypalEnv = {
      ctx,
      config,
      keys: ctx.keys,
      deps: { provider: PROVIDER_ID, journal: ctx.journal, faults: ctx.faults, attribution: ctx.attribution, clock: ctx.clock },
      orders: new Map(),
      authorizations: new Map(),
      captures: new Map(),
      refunds: new Map(),
      tokens: new Map(),
      events: [],
      eventOrders: new Map(),
      transmissions: new Map(),
      idempotency: createIdempotencyStore(),
      callbacks: { buildCallback: (input) => buildPaypalCallback(env, synthesized, input), isAck: isPaypalAck, retrySchedule },
      clock: ctx.clock,
    };
    const runtime: ProviderRuntime = {
      handlers: () => handlers,
      readyInfo: () => ({
        url: ctx.baseUrl(),
        baseUrl: ctx.baseUrl(),
        clientId: ctx.keys.clientId,
        clientSecret: ctx.keys.clientSecret,
        webhookId: ctx.keys.webhookId,
        certUrl: certUrl(env),
      }),
      buildCallback: env.callbacks.buildCallback,
      isAck: isPaypalAck,
      retrySchedule,
      buyer: (action, order, options) => actAsBuyer(env, action, order, options),
      formatAmount: (minor, currency) => formatPaypalAmount(minor, currency),
      parseAmount: (text, currency) => parsePaypalAmount(text, currency),
      describe(order) {
        const rec = env.orders.get(order.providerOrderId);
        const lines: [string, string][] = [
          ['order', order.providerOrderId],
          ['intent', rec?.intent ?? ''],
          ['status', rec?.status ?? order.providerState],
          ...(rec?.unit.invoice_id ? [['invoice_id', String(rec.unit.invoice_id)] as [string, string]] : []),
        ];
        return { title: 'Pay with PayPal (sandbox)', amount: `${formatPaypalAmount(order.amount, order.currency)} ${order.currency}`, lines };
      },
    };
    // Built once: MSW handlers are values, and the sandbox asks for them once per provider.
    const handlers = paypalHandlers(env, PAYPAL_ORIGIN, checkoutPageHandlers(env, PAYPAL_ORIGIN, runtime));
    return runtime;
  },
});
