import { ProviderError } from '../../errors.js';

// Integer fen, at least 1: WeChat Pay's amount.total and amount.refund are int64 in the smallest unit.
const FEN = /^[1-9]\d{0,15}$/;

/** A JSON amount as WeChat Pay accepts it: a positive integer number of fen; undefined otherwise (strings and decimals included). */
export function readFen(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/** Formats fen as yuan with two decimals, as bills show them: 8800 → "88.00", -5 → "-0.05". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses an amount written in fen (`"8800"`) for the runtime's `parseAmount`; throws a ProviderError naming the rule. */
export function parseFenStrict(text: string): number {
  if (!FEN.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new ProviderError('INVALID_AMOUNT', `"${text}" is not a WeChat Pay amount: write a whole number of fen, at least 1 (e.g. "8800" for 88.00 CNY).`);
  }
  return Number(text);
}
