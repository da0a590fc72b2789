import { ProviderError } from '../../errors.js';
import { durationsMs } from '../../util/duration.js';
import { CONTROL_PREFIX } from '../../sandbox/control-api.js';
import { defineProvider, type ProviderRuntime } from '../types.js';
import { formatYuan, parseYuanStrict } from './amount.js';
import { createBillLinks } from './bill-links.js';
import { billDownloadHandler, BILL_DOWNLOAD_API } from './bill-route.js';
import { actAsBuyer, BUYER_ACTIONS } from './buyer.js';
import { alipayConfigSchema, resolveAlipayConfig, type AlipayConfig } from './config.js';
import { PROVIDER_ID, type AlipayEnv } from './env.js';
import { gatewayHandler } from './gateway.js';
import { alipaySecrets, loadAlipayKeys, type AlipayKeys } from './keys.js';
import { METHODS } from './methods/index.js';
import { buildNotify, isAlipayAck, NOTIFY_EVENTS } from './notify.js';
import { unhandledHandler } from './unhandled.js';
import { v3Handlers } from './v3.js';

/** Alipay's production OpenAPI origin; the handlers are written against it. */
export const ALIPAY_ORIGIN = 'https://openapi.alipay.com';

const requireCny = (currency: string): void => {
  if (currency.toUpperCase() !== 'CNY') throw new ProviderError('INVALID_AMOUNT', `Alipay trades are in CNY, not ${currency}.`);
};

/** The Alipay provider: OpenAPI v2 gateway (form-encoded, RSA2), signed notifies, trade bills. */
export const alipay = defineProvider<AlipayConfig, AlipayKeys>({
  id: PROVIDER_ID,
  title: 'Alipay',
  origin: ALIPAY_ORIGIN,
  defaultPort: 4101,
  utcOffsetMinutes: 480,
  configSchema: alipayConfigSchema,
  events: NOTIFY_EVENTS,
  buyerActions: BUYER_ACTIONS,
  apis: [...Object.keys(METHODS), BILL_DOWNLOAD_API],
  loadKeys: (config, options) => loadAlipayKeys(resolveAlipayConfig(config), options),
  secrets: (keys) => alipaySecrets(keys),
  create(ctx): ProviderRuntime {
    const config = resolveAlipayConfig(ctx.config);
    const keys = ctx.keys;
    const retrySchedule = durationsMs(config.notifyRetry);
    const env: AlipayEnv = {
      ctx,
      config,
      keys,
      deps: { provider: PROVIDER_ID, journal: ctx.journal, faults: ctx.faults, attribution: ctx.attribution, clock: ctx.clock },
      closeTimers: new Map(),
      callbacks: { buildCallback: (input) => buildNotify(config, keys, input), isAck: isAlipayAck, retrySchedule },
      bills: createBillLinks({ ids: ctx.ledger.ids, baseUrl: () => ctx.baseUrl(), sellerId: config.sellerId }),
      clock: ctx.clock,
    };
    // Built once: MSW handlers are values, and the sandbox asks for them once per provider.
    const handlers = [gatewayHandler(env, ALIPAY_ORIGIN), billDownloadHandler(env, ALIPAY_ORIGIN), ...v3Handlers(env, ALIPAY_ORIGIN), unhandledHandler(env, ALIPAY_ORIGIN)];
    return {
      handlers: () => handlers,
      readyInfo: () => ({
        gateway: `${ctx.baseUrl()}/gateway.do`,
        endpoint: ctx.baseUrl(),
        appId: config.appId,
        sellerId: config.sellerId,
        appPrivateKeyPath: keys.appPrivateKeyPath,
        appPublicKeyPath: keys.appPublicKeyPath,
        alipayPublicKeyPath: keys.alipayPublicKeyPath,
        cashierUrl: `${ctx.baseUrl()}${CONTROL_PREFIX}/cashier`,
      }),
      buildCallback: env.callbacks.buildCallback,
      isAck: isAlipayAck,
      retrySchedule,
      buyer: (action, order, options) => actAsBuyer(env, action, order, options),
      formatAmount: (minor) => formatYuan(minor),
      parseAmount(text, currency) {
        requireCny(currency);
        return parseYuanStrict(text);
      },
      describe: (order) => ({
        title: 'Alipay sandbox cashier',
        amount: `¥${formatYuan(order.amount)}`,
        lines: [
          ['subject', typeof order.data.subject === 'string' ? order.data.subject : ''],
          ['out_trade_no', order.merchantOrderId],
          ['trade_no', order.providerOrderId],
        ],
      }),
    };
  },
});
