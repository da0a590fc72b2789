import { ProviderError } from '../../errors.js';

const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

/** Whether a currency has no minor unit (amounts are sent unmultiplied; stripe.com/docs/currencies). */
export const isZeroDecimal = (currency: string): boolean => ZERO_DECIMAL.has(currency.toLowerCase());

const SYMBOLS: Record<string, string> = { usd: '$', eur: '€', gbp: '£', jpy: '¥', cny: '¥', cad: 'CA$', aud: 'A$' };

/** Money as Stripe's messages show it: `$25.00`, `£93.90`, `¥500` (zero-decimal currencies unmultiplied). */
export function displayMoney(minor: number, currency: string): string {
  const c = currency.toLowerCase();
  const symbol = SYMBOLS[c] ?? `${c.toUpperCase()} `;
  return isZeroDecimal(c) ? `${symbol}${minor}` : `${symbol}${(minor / 100).toFixed(2)}`;
}

/** Parses Stripe's amount text: a non-negative integer of minor units ("2000"); throws on anything else. */
export function parseMinorStrict(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new ProviderError('INVALID_AMOUNT', `Stripe amounts are integers in the currency's minor unit (2000 for $20.00), not "${text}".`);
  }
  return Number(text);
}
