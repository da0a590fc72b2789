import { defineProvider, type ProviderRuntime } from '../types.js';
import { durationsMs } from '../../util/duration.js';
import { displayMoney, parseMinorStrict } from './amount.js';
import { actAsBuyer, BUYER_ACTIONS } from './buyer.js';
import { buildStripeCallback, isStripeAck } from './callback.js';
import { sessionOf } from './checkout.js';
import { resolveStripeConfig, stripeConfigSchema, type StripeConfig } from './config.js';
import { PROVIDER_ID, type StripeEnv } from './env.js';
import { STRIPE_EVENTS, type StripeEvent } from './events.js';
import { runStripeFixture, validateStripeFixture } from './fixtures.js';
import { createIdempotencyStore } from '../../sandbox/idempotency.js';
import type { StripeIdempotencyMeta } from './idempotency.js';
import { loadStripeKeys, stripeSecrets, type StripeKeys } from './keys.js';
import { ROUTES, stripeHandlers } from './routes.js';

/** Stripe's production API origin; the handlers are written against it. */
export const STRIPE_ORIGIN = 'https://api.stripe.com';

/** The Stripe provider: /v1 form-encoded API, PaymentIntents, Refunds, Checkout Sessions, Events, signed webhooks, idempotency. */
export const stripe = defineProvider<StripeConfig, StripeKeys>({
  id: PROVIDER_ID,
  title: 'Stripe',
  origin: STRIPE_ORIGIN,
  defaultPort: 4103,
  configSchema: stripeConfigSchema,
  events: STRIPE_EVENTS,
  buyerActions: BUYER_ACTIONS,
  apis: ROUTES.map((r) => r.api),
  fixtures: { title: 'Stripe CLI fixture', validate: validateStripeFixture },
  loadKeys: (config, options) => loadStripeKeys(resolveStripeConfig(config), options),
  secrets: (keys) => stripeSecrets(keys),
  create(ctx): ProviderRuntime {
    const config = resolveStripeConfig(ctx.config);
    const retrySchedule = durationsMs(config.notifyRetry);
    const synthesized = new Map<string, StripeEvent>();
    const env: StripeEnv = {
      ctx,
      config,
      keys: ctx.keys,
      deps: { provider: PROVIDER_ID, journal: ctx.journal, faults: ctx.faults, attribution: ctx.attribution, clock: ctx.clock },
      objects: new Map(),
      events: [],
      idempotency: createIdempotencyStore<StripeIdempotencyMeta>(),
      paymentMethods: new Map(),
      timers: new Map(),
      callbacks: { buildCallback: (input) => buildStripeCallback(env, synthesized, input), isAck: isStripeAck, retrySchedule },
      clock: ctx.clock,
    };
    // Built once: MSW handlers are values, and the sandbox asks for them once per provider.
    const handlers = stripeHandlers(env, STRIPE_ORIGIN);
    return {
      handlers: () => handlers,
      readyInfo: () => {
        const url = new URL(ctx.baseUrl());
        return {
          url: ctx.baseUrl(),
          host: '127.0.0.1',
          port: url.port || '80',
          protocol: url.protocol.replace(':', ''),
          secretKey: ctx.keys.secretKey,
          publishableKey: ctx.keys.publishableKey,
          webhookSecret: ctx.keys.webhookSecret,
        };
      },
      buildCallback: env.callbacks.buildCallback,
      isAck: isStripeAck,
      retrySchedule,
      buyer: (action, order, options) => actAsBuyer(env, action, order, options),
      // Stripe CLI fixtures call the API over HTTP as the `stripe fixtures` command does, with the sandbox's key.
      runFixture: (file, { env: vars }) => runStripeFixture(file, { baseUrl: ctx.baseUrl(), secretKey: ctx.keys.secretKey, env: vars }),
      formatAmount: (minor) => String(minor),
      parseAmount: (text) => parseMinorStrict(text),
      describe(order) {
        const session = sessionOf(env, order);
        const pi = typeof order.data.pi === 'string' ? env.objects.get(order.data.pi)?.object : undefined;
        const lines: [string, string][] = session
          ? [
              ['checkout session', session.id],
              ['client_reference_id', String(session.client_reference_id ?? '')],
              ['status', `${String(session.status)} / ${String(session.payment_status)}`],
            ]
          : [
              ['payment intent', order.providerOrderId],
              ['status', String(pi?.status ?? order.providerState)],
              ['capture_method', String(pi?.capture_method ?? '')],
            ];
        return { title: session ? 'Stripe Checkout (sandbox)' : 'Stripe payment (sandbox)', amount: displayMoney(order.amount, order.currency), lines };
      },
    };
  },
});
