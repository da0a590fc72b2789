import type { ProviderDefinition } from './types.js';
import { alipay } from './alipay/index.js';
import { wechatpay } from './wechatpay/index.js';
import { stripe } from './stripe/index.js';
import { paypal } from './paypal/index.js';

/** Every provider payprobe simulates, by id. Adding a provider adds one line here. */
export const PROVIDERS: Readonly<Record<string, ProviderDefinition<any, any>>> = {
  alipay,
  wechatpay,
  stripe,
  paypal,
};

/** The provider definition for `id`, or undefined. */
export function getProvider(id: string): ProviderDefinition<any, any> | undefined {
  return Object.hasOwn(PROVIDERS, id) ? PROVIDERS[id] : undefined;
}
