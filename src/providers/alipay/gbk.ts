let table: Map<string, number> | undefined;

/** Builds char → GBK code by decoding every two-byte GBK sequence once (node:buffer has no GBK encoder). */
function gbkTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk');
  const map = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    pair[0] = lead;
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      // Keep the first (canonical) code when several decode to the same character.
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

/** Encodes text as GBK; characters GBK lacks become `?`, as Windows code page 936 writers do. */
export function encodeGbk(text: string): Buffer {
  const out: number[] = [];
  let map: Map<string, number> | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    map ??= gbkTable();
    const code = map.get(ch);
    if (code === undefined) out.push(0x3f);
    else out.push(code >> 8, code & 0xff);
  }
  return Buffer.from(out);
}
