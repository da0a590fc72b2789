import { ProviderError } from '../../errors.js';

// PayPal's currency codes reference: these currencies take no decimals (HUF and TWD accept none in
// amounts although they have a minor unit elsewhere).
const NO_DECIMALS = new Set(['HUF', 'JPY', 'TWD']);

/** Decimals PayPal accepts in an amount of `currency`: 0 for JPY, HUF and TWD, 2 otherwise. */
export const decimalsOf = (currency: string): number => (NO_DECIMALS.has(currency.toUpperCase()) ? 0 : 2);

/** Minor units as PayPal writes them: `"10.00"`, JPY `"1000"`. */
export function formatPaypalAmount(minor: number, currency: string): string {
  const d = decimalsOf(currency);
  if (d === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Why a `value` is not an acceptable amount of `currency`, as PayPal's issue code; undefined when it is fine. */
export function amountIssue(value: unknown, currency: string): 'INVALID_PARAMETER_SYNTAX' | 'DECIMALS_NOT_SUPPORTED' | 'DECIMAL_PRECISION' | 'CANNOT_BE_ZERO_OR_NEGATIVE' | undefined {
  if (typeof value !== 'string' || !/^-?\d{1,10}(\.\d+)?$/.test(value)) return 'INVALID_PARAMETER_SYNTAX';
  const decimals = value.split('.')[1]?.length ?? 0;
  if (decimals > 0 && decimalsOf(currency) === 0) return 'DECIMALS_NOT_SUPPORTED';
  if (decimals > decimalsOf(currency)) return 'DECIMAL_PRECISION';
  if (/^-/.test(value) || Number(value) === 0) return 'CANNOT_BE_ZERO_OR_NEGATIVE';
  return undefined;
}

/** Minor units of a value that passed {@link amountIssue}. */
export function toMinor(value: string, currency: string): number {
  const [whole, frac = ''] = value.split('.');
  const d = decimalsOf(currency);
  return Number(whole) * 10 ** d + Number((frac + '00').slice(0, d) || '0');
}

/** Parses a PayPal amount ("10.00", JPY "1000") into minor units; throws on malformed input. */
export function parsePaypalAmount(text: string, currency: string): number {
  const issue = amountIssue(text, currency);
  if (issue && issue !== 'CANNOT_BE_ZERO_OR_NEGATIVE') {
    throw new ProviderError('INVALID_AMOUNT', `PayPal amounts are decimal strings with ${decimalsOf(currency)} decimals in ${currency} (${decimalsOf(currency) ? '"10.00"' : '"1000"'}), not "${text}".`);
  }
  return toMinor(text.replace(/^-/, ''), currency) * (text.startsWith('-') ? -1 : 1);
}

/** PayPal's money object. */
export function money(minor: number, currency: string): { currency_code: string; value: string } {
  return { currency_code: currency, value: formatPaypalAmount(minor, currency) };
}
