/** Charsets the gateway accepts, as TextDecoder labels. */
const CHARSETS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', gbk: 'gbk', gb2312: 'gbk', gb18030: 'gb18030' };

/** The TextDecoder label for an Alipay `charset` value, or undefined if the gateway would refuse it. */
export function charsetLabel(charset: string): string | undefined {
  return CHARSETS[charset.trim().toLowerCase()];
}

const hex = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);

/** Percent-decodes one form component to bytes (`+` is a space), leaving malformed escapes as they are. */
function unescapeBytes(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x2b) out[n++] = 0x20;
    else if (b === 0x25 && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
      out[n++] = hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Splits form bytes into raw (still escaped) key/value byte pairs. GBK trail bytes never collide with `&`, `=`, `%` or `+`. */
function splitPairs(bytes: Uint8Array): [Uint8Array, Uint8Array][] {
  const pairs: [Uint8Array, Uint8Array][] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x26) continue;
    const part = bytes.subarray(start, i);
    start = i + 1;
    if (part.length === 0) continue;
    const eq = part.indexOf(0x3d);
    pairs.push(eq < 0 ? [part, new Uint8Array(0)] : [part.subarray(0, eq), part.subarray(eq + 1)]);
  }
  return pairs;
}

/** Finds a parameter's value without knowing the charset yet (parameter names and charset names are ASCII). */
export function peekParam(bytes: Uint8Array, name: string): string | undefined {
  for (const [k, v] of splitPairs(bytes)) if (unescapeBytes(k).toString('latin1') === name) return unescapeBytes(v).toString('latin1');
  return undefined;
}

/** Decodes `application/x-www-form-urlencoded` bytes with the given charset label (URLSearchParams would assume UTF-8). */
export function decodeForm(bytes: Uint8Array, label: string): Record<string, string> {
  const decoder = new TextDecoder(label);
  const out: Record<string, string> = {};
  for (const [k, v] of splitPairs(bytes)) {
    const key = decoder.decode(unescapeBytes(k));
    // The first occurrence wins, as servlet-style getParameter does.
    if (!Object.hasOwn(out, key)) out[key] = decoder.decode(unescapeBytes(v));
  }
  return out;
}
