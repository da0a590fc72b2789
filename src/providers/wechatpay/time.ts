/** WeChat Pay's business time zone, +08:00, as an offset in ms. */
export const CST_OFFSET_MS = 8 * 3_600_000;

const shifted = (ms: number): string => new Date(ms + CST_OFFSET_MS).toISOString();

/** RFC 3339 with the +08:00 offset, as WeChat Pay writes times: `2018-06-08T10:34:56+08:00`. */
export function formatRfc3339(ms: number): string {
  return `${shifted(ms).slice(0, 19)}+08:00`;
}

/** Parses an RFC 3339 time with any offset (`2018-06-08T10:34:56+08:00`, `...Z`); undefined if malformed. */
export function parseRfc3339(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `yyyy-MM-dd HH:mm:ss` in +08:00 (bill rows). */
export function formatCstDateTime(ms: number): string {
  const iso = shifted(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `yyyy-MM-dd` of the +08:00 day containing `ms`. */
export function cstDate(ms: number): string {
  return shifted(ms).slice(0, 10);
}

/** `yyyyMMddHHmmss` in +08:00 (ids). */
export function cstCompact(ms: number): string {
  return shifted(ms).slice(0, 19).replace(/[-T:]/g, '');
}

/** The instant a +08:00 day (`yyyy-MM-dd`) starts, or undefined if it is not a real date. */
export function cstDayStart(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return utc - CST_OFFSET_MS;
}
