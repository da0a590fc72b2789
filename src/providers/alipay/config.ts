import { z } from 'zod';
import { durationSchema } from '../../util/duration.js';

/** Alipay's published notify retry intervals (CN doc, opendocs 270/105902): 8 notifications within 25 h. */
export const DEFAULT_NOTIFY_RETRY = ['4m', '10m', '10m', '1h', '2h', '6h', '15h'] as const;

/** The `providers.alipay` section of `payprobe.config.yaml`. */
export const alipayConfigSchema = z.strictObject({
  appId: z.string().min(1).default('2021000000000001').describe('The app id your requests carry as app_id.'),
  keys: z.string().min(1).default('.payprobe/keys/alipay').describe('Folder of PEM keys, relative to the config file; generated on first use.'),
  sellerId: z.string().min(1).default('2088000000000001').describe('The seller (partner) id, seller_id in notifies.'),
  notifyRetry: z
    .array(durationSchema)
    .default([...DEFAULT_NOTIFY_RETRY])
    .describe("Intervals between notify attempts; default Alipay's 4m, 10m, 10m, 1h, 2h, 6h, 15h."),
  signType: z.literal('RSA2').default('RSA2').describe('Request and notify signature type; only RSA2 is simulated.'),
});

/** A validated Alipay config, defaults applied. */
export type AlipayConfig = z.infer<typeof alipayConfigSchema>;

/** Applies defaults to a config that may not have been through the schema yet (library callers pass `{}`). */
export function resolveAlipayConfig(config: unknown): AlipayConfig {
  return alipayConfigSchema.parse(config ?? {});
}
