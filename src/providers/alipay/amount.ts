import { ProviderError } from '../../errors.js';

/** Smallest amount Alipay accepts, in fen (0.01 yuan). */
export const MIN_AMOUNT_FEN = 1;
/** Largest amount Alipay accepts, in fen (100000000 yuan). */
export const MAX_AMOUNT_FEN = 100_000_000 * 100;

// Plain decimal yuan: no sign, no exponent, no leading zeros, at most two decimals.
const YUAN = /^(0|[1-9]\d{0,8})(\.\d{1,2})?$/;

/** Parses a yuan amount the way the gateway accepts it ("88", "88.8", "88.80") into fen; undefined if malformed or out of [0.01, 100000000]. */
export function parseYuan(value: unknown): number | undefined {
  // JSON numbers in biz_content count as their shortest text, so float noise (0.30000000000000004) is refused.
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = YUAN.exec(text);
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '.').slice(1).padEnd(2, '0'));
  return fen >= MIN_AMOUNT_FEN && fen <= MAX_AMOUNT_FEN ? fen : undefined;
}

/** Formats fen as yuan with two decimals: 8800 → "88.00", -1 → "-0.01". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Like {@link parseYuan} but throws a ProviderError naming the rule, for the runtime's `parseAmount`. */
export function parseYuanStrict(text: string): number {
  const fen = parseYuan(text);
  if (fen === undefined) {
    throw new ProviderError('INVALID_AMOUNT', `"${text}" is not an Alipay amount: write yuan with at most two decimals, between 0.01 and 100000000 (e.g. "88.00").`);
  }
  return fen;
}
