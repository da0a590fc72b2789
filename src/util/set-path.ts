/**
 * Sets a dotted path (`data.object.amount`) in a JSON value, creating objects on the way: how scenarios'
 * `override:` and `tamper:` change a callback. The text keeps the type of the value it replaces (a number
 * stays a number, a string stays a string: `"100"` for a PayPal amount); a new field is read as a number,
 * boolean or null when it looks like one.
 */
export function setPath(target: Record<string, unknown>, dotted: string, text: string): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  const before = node[last];
  const numeric = /^-?\d+(\.\d+)?$/.test(text);
  const boolean = text === 'true' || text === 'false';
  if (typeof before === 'number') node[last] = numeric ? Number(text) : text;
  else if (typeof before === 'boolean') node[last] = boolean ? text === 'true' : text;
  else if (before === undefined || before === null) node[last] = /^-?\d+$/.test(text) ? Number(text) : boolean ? text === 'true' : text === 'null' ? null : text;
  else node[last] = text;
}
