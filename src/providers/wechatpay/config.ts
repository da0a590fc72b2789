import { z } from 'zod';
import { durationSchema } from '../../util/duration.js';

/** WeChat Pay's published notify schedule (payment and refund notify pages): 15 intervals, 24 h 4 m in all. */
export const DEFAULT_NOTIFY_RETRY = ['15s', '15s', '30s', '3m', '10m', '20m', '30m', '30m', '30m', '60m', '3h', '3h', '3h', '6h', '6h'] as const;

/** The `providers.wechatpay` section of `payprobe.config.yaml`. */
export const wechatpayConfigSchema = z.strictObject({
  mchid: z.string().regex(/^\d{6,32}$/, 'must be a merchant id of digits, such as 1900000001').default('1900000001').describe('The merchant id (mchid) your requests carry.'),
  appid: z.string().min(1).default('wx0000000000000001').describe('The appid bound to the merchant (appid in prepay requests).'),
  keys: z.string().min(1).default('.payprobe/keys/wechatpay').describe('Folder of keys, certificates and the APIv3 key, relative to the config file; generated on first use.'),
  keyMode: z
    .enum(['certificate', 'public-key'])
    .default('certificate')
    .describe('How responses and notifies are signed: with the platform certificate (served at GET /v3/certificates) or with the WeChat Pay public key (PUB_KEY_ID_...).'),
  notifyRetry: z
    .array(durationSchema)
    .default([...DEFAULT_NOTIFY_RETRY])
    .describe("Intervals between notify attempts; default WeChat Pay's 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m, 30m, 60m, 3h, 3h, 3h, 6h, 6h."),
  refundDelay: durationSchema.default('1m').describe('How long (virtual time) a refund stays PROCESSING before it succeeds.'),
});

/** A validated WeChat Pay config, defaults applied. */
export type WechatpayConfig = z.infer<typeof wechatpayConfigSchema>;

/** Applies defaults to a config that may not have been through the schema yet (library callers pass `{}`). */
export function resolveWechatpayConfig(config: unknown): WechatpayConfig {
  return wechatpayConfigSchema.parse(config ?? {});
}
