import type { ProviderReadyInfo } from '../sandbox/sandbox.js';

const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** The `PAYPROBE_*` variables for ready facts: `alipay.appPrivateKeyPath` → `PAYPROBE_ALIPAY_APP_PRIVATE_KEY_PATH`. */
export function envFromReady(ready: Record<string, ProviderReadyInfo>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [provider, info] of Object.entries(ready)) {
    for (const [key, value] of Object.entries(info)) env[`PAYPROBE_${snake(provider)}_${snake(key)}`] = value;
  }
  return env;
}
