/** Alipay's business time zone, GMT+8, as an offset in ms. */
export const GMT8_OFFSET_MS = 8 * 3_600_000;

const shifted = (ms: number): string => new Date(ms + GMT8_OFFSET_MS).toISOString();

/** `yyyy-MM-dd HH:mm:ss` in GMT+8 (timestamps, notify_time, gmt_payment, send_pay_date). */
export function formatGmt8(ms: number): string {
  const iso = shifted(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `yyyy-MM-dd HH:mm:ss.SSS` in GMT+8 (gmt_refund in refund notifies). */
export function formatGmt8Millis(ms: number): string {
  const iso = shifted(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** `yyyy-MM-dd` of the GMT+8 calendar day containing `ms`. */
export function gmt8Date(ms: number): string {
  return shifted(ms).slice(0, 10);
}

/** `yyyyMMdd` of the GMT+8 calendar day containing `ms`. */
export function gmt8Compact(ms: number): string {
  return gmt8Date(ms).replaceAll('-', '');
}

/** The instant a GMT+8 date (`yyyy-MM-dd`) or month (`yyyy-MM`) starts, or undefined for an invalid one. */
export function gmt8Start(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return utc - GMT8_OFFSET_MS;
}

/** Parses `yyyy-MM-dd HH:mm:ss` as GMT+8; undefined if malformed. */
export function parseGmt8(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s) - GMT8_OFFSET_MS;
}
