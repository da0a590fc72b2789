import { z } from 'zod';
import { durationSchema } from '../../util/duration.js';

/**
 * Stripe does not publish its webhook retry intervals: live mode retries "for up to three days with an
 * exponential back off" (docs.stripe.com/webhooks/process-undelivered-events). This schedule is payprobe's
 * choice inside that envelope: 7 retries, 1 day 6 h 36 m in all.
 */
export const DEFAULT_NOTIFY_RETRY = ['1m', '5m', '30m', '2h', '5h', '10h', '12h'] as const;

/** The `providers.stripe` section of `payprobe.config.yaml`. */
export const stripeConfigSchema = z.strictObject({
  keys: z.string().min(1).default('.payprobe/keys/stripe').describe('Folder holding the generated sk_test_/pk_test_/whsec_ keys (stripe-keys.json, mode 0600), relative to the config file.'),
  notifyRetry: z
    .array(durationSchema)
    .default([...DEFAULT_NOTIFY_RETRY])
    .describe('Intervals between webhook attempts. Stripe publishes none ("up to three days, exponential back-off"); default 1m, 5m, 30m, 2h, 5h, 10h, 12h.'),
  currency: z.string().regex(/^[a-z]{3}$/, 'must be a lower-case ISO currency code such as usd').default('usd').describe('Currency used when the cashier or a scenario needs one.'),
});

/** A validated Stripe config, defaults applied. */
export type StripeConfig = z.infer<typeof stripeConfigSchema>;

/** Applies defaults to a config that may not have been through the schema yet (library callers pass `{}`). */
export function resolveStripeConfig(config: unknown): StripeConfig {
  return stripeConfigSchema.parse(config ?? {});
}
