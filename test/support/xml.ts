// A strict little XML reader for tests: it throws on anything that is not well-formed XML 1.0 (of
// the kind a report uses: a declaration, elements, attributes, text, references) and decodes it.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const FORBIDDEN_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = '[A-Za-z_][\\w.-]*';

function decodeReferences(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${where}`);
  return raw.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare & in ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref in named) return named[ref];
    const code = /^#(\d+)$/.exec(ref)?.[1] ?? (/^#x([0-9a-fA-F]+)$/.exec(ref) ? String(parseInt(ref.slice(2), 16)) : undefined);
    if (code === undefined) throw new Error(`unknown reference ${whole} in ${where}`);
    const char = String.fromCodePoint(Number(code));
    if (FORBIDDEN_XML_CHAR.test(char)) throw new Error(`reference to a forbidden character ${whole} in ${where}`);
    return char;
  });
}

export function parseXml(doc: string): XmlElement {
  const bad = FORBIDDEN_XML_CHAR.exec(doc);
  if (bad) throw new Error(`forbidden character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index}`);
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!doc.startsWith(declaration)) throw new Error('missing XML declaration');
  let i = declaration.length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>`, 'y');
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const raw = doc.slice(i, lt === -1 ? doc.length : lt);
    if (raw.includes(']]>')) throw new Error(']]> in text');
    const text = decodeReferences(raw, `text at ${i}`);
    if (stack.length) stack[stack.length - 1].text += text;
    else if (text.trim()) throw new Error(`text outside the root element at ${i}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(doc);
    if (!m) throw new Error(`malformed markup at ${lt}: ${doc.slice(lt, lt + 40)}`);
    const [whole, closing, name, attrText, selfClosing] = m;
    i = lt + whole.length;
    if (closing) {
      if (attrText || selfClosing) throw new Error(`malformed end tag at ${lt}`);
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}> at ${lt}`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, 'g'))) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} at ${lt}`);
      // Attribute-value normalisation: literal whitespace becomes a space; only references survive.
      attrs[a[1]] = decodeReferences(a[2].replace(/[\t\n\r]/g, ' '), `attribute ${a[1]} at ${lt}`);
    }
    const element: XmlElement = { name, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else if (root) throw new Error(`a second root element at ${lt}`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
