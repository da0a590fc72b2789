import { z } from 'zod';
import { durationSchema } from '../../util/duration.js';

/**
 * PayPal retries a webhook delivery "up to 25 times over the course of 3 days" (developer.paypal.com,
 * "Integrate webhooks") but publishes no intervals. This schedule is payprobe's choice inside that envelope:
 * 25 retries, quick at first, then every few hours, 72 h in all.
 */
export const DEFAULT_NOTIFY_RETRY = [
  '1m', '2m', '4m', '8m', '15m', '30m',
  '1h', '1h', '2h', '2h', '3h', '3h',
  '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '4h30m', '5h',
] as const;

const sandboxValue = (what: string) =>
  z
    .string()
    .min(1)
    .optional()
    .describe(`The sandbox ${what}. Default: generated once and kept in the keys folder (sb-payprobe-…). Never put a real PayPal credential here.`);

/** The `providers.paypal` section of `payprobe.config.yaml`. */
export const paypalConfigSchema = z.strictObject({
  clientId: sandboxValue('REST app client id'),
  clientSecret: sandboxValue('REST app client secret'),
  webhookId: sandboxValue('webhook id (the id of the merchant endpoint subscription, part of every webhook signature)'),
  keys: z.string().min(1).default('.payprobe/keys/paypal').describe('Folder holding the generated credentials and the webhook signing key and certificate (mode 0600), relative to the config file.'),
  notifyRetry: z
    .array(durationSchema)
    .default([...DEFAULT_NOTIFY_RETRY])
    .describe('Intervals between webhook attempts. PayPal publishes none ("up to 25 times over 3 days"); the default is 25 intervals, 72 h in all.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an upper-case ISO currency code such as USD').default('USD').describe('Currency used when the cashier or a scenario needs one.'),
});

/** A validated PayPal config, defaults applied. */
export type PaypalConfig = z.infer<typeof paypalConfigSchema>;

/** Applies defaults to a config that may not have been through the schema yet (library callers pass `{}`). */
export function resolvePaypalConfig(config: unknown): PaypalConfig {
  return paypalConfigSchema.parse(config ?? {});
}
