import { ProviderError } from '../../errors.js';
import { durationsMs } from '../../util/duration.js';
import { defineProvider, type ProviderRuntime } from '../types.js';
import { formatYuan, parseFenStrict } from './amount.js';
import { createBillLinks } from './bill-links.js';
import { actAsBuyer, BUYER_ACTIONS } from './buyer.js';
import { resolveWechatpayConfig, wechatpayConfigSchema, type WechatpayConfig } from './config.js';
import { PROVIDER_ID, type WechatpayEnv } from './env.js';
import { loadWechatpayKeys, wechatpaySecrets, type WechatpayKeys } from './keys.js';
import { buildNotify, isWechatpayAck, NOTIFY_EVENTS } from './notify.js';
import { ROUTES, wechatpayHandlers } from './routes.js';
import { tradeState } from './transaction.js';

/** WeChat Pay's production API origin; the handlers are written against it. */
export const WECHATPAY_ORIGIN = 'https://api.mch.weixin.qq.com';

/** Faults only this provider knows, for `wechatpay.refund.create`: the refund is refused NOT_ENOUGH, or ends CLOSED / ABNORMAL. */
export const WECHATPAY_FAULTS = ['not-enough', 'refund-closed', 'refund-abnormal'] as const;

const requireCny = (currency: string): void => {
  if (currency.toUpperCase() !== 'CNY') throw new ProviderError('INVALID_AMOUNT', `WeChat Pay merchants here trade in CNY, not ${currency}.`);
};

/** The WeChat Pay provider: API v3 (JSON, WECHATPAY2-SHA256-RSA2048), signed answers, encrypted notifies, bills. */
export const wechatpay = defineProvider<WechatpayConfig, WechatpayKeys>({
  id: PROVIDER_ID,
  title: 'WeChat Pay',
  origin: WECHATPAY_ORIGIN,
  defaultPort: 4102,
  utcOffsetMinutes: 480,
  configSchema: wechatpayConfigSchema,
  events: NOTIFY_EVENTS,
  buyerActions: BUYER_ACTIONS,
  apis: ROUTES.map((r) => r.api),
  faults: WECHATPAY_FAULTS,
  loadKeys: (config, options) => loadWechatpayKeys(resolveWechatpayConfig(config), options),
  secrets: (keys) => wechatpaySecrets(keys),
  create(ctx): ProviderRuntime {
    const config = resolveWechatpayConfig(ctx.config);
    const keys = ctx.keys;
    const retrySchedule = durationsMs(config.notifyRetry);
    const env: WechatpayEnv = {
      ctx,
      config,
      keys,
      deps: { provider: PROVIDER_ID, journal: ctx.journal, faults: ctx.faults, attribution: ctx.attribution, clock: ctx.clock },
      timers: new Map(),
      callbacks: { buildCallback: (input) => buildNotify(env, input), isAck: isWechatpayAck, retrySchedule },
      bills: createBillLinks({ ids: ctx.ledger.ids, baseUrl: () => ctx.baseUrl() }),
      clock: ctx.clock,
    };
    // Built once: MSW handlers are values, and the sandbox asks for them once per provider.
    const handlers = wechatpayHandlers(env, WECHATPAY_ORIGIN);
    return {
      handlers: () => handlers,
      readyInfo: () => ({
        baseUrl: ctx.baseUrl(),
        mchid: config.mchid,
        appid: config.appid,
        merchantSerialNo: keys.merchantSerialNo,
        merchantPrivateKeyPath: keys.merchantPrivateKeyPath,
        merchantCertificatePath: keys.merchantCertificatePath,
        ...(config.keyMode === 'public-key'
          ? { publicKeyId: keys.publicKeyId, platformPublicKeyPath: keys.platformPublicKeyPath }
          : { platformSerialNo: keys.platformSerialNo, platformCertificatePath: keys.platformCertificatePath }),
        apiV3Key: keys.apiV3Key,
      }),
      buildCallback: env.callbacks.buildCallback,
      isAck: isWechatpayAck,
      retrySchedule,
      buyer: (action, order, options) => actAsBuyer(env, action, order, options),
      formatAmount: (minor) => String(minor),
      parseAmount(text, currency) {
        requireCny(currency);
        return parseFenStrict(text);
      },
      describe: (order) => ({
        title: 'WeChat Pay sandbox cashier',
        amount: `¥${formatYuan(order.amount)}`,
        lines: [
          ['description', typeof order.data.description === 'string' ? order.data.description : ''],
          ['out_trade_no', order.merchantOrderId],
          ['trade_type', typeof order.data.trade_type === 'string' ? order.data.trade_type : ''],
          ['trade_state', tradeState(order)],
        ],
      }),
    };
  },
});
