/** Defaults of `payprobe init` where neither a flag nor an answer says otherwise. */
export const INIT_DEFAULTS = {
  dir: '.',
  baseUrl: 'http://127.0.0.1:3000',
  ready: '/',
} as const;

/** The callback path init proposes for a provider: `/notify/alipay`. */
export function defaultCallbackPath(provider: string): string {
  // Card processors call them webhooks; the Chinese wallets call them notifies.
  return provider === 'stripe' || provider === 'paypal' ? `/webhooks/${provider}` : `/notify/${provider}`;
}
