// YAML reads these plain words as booleans, null or numbers; as strings they must be quoted.
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d+(?:e[-+]?\d+)?|[-+]?\.inf|\.nan|0x[\da-f]+|0o[0-7]+)$/i;

/**
 * A string as a YAML scalar that reads back as the same string: plain when that is safe, else
 * double-quoted. Inside a flow collection (`{ }`, `[ ]`) fewer characters are safe plain.
 */
export function yamlScalar(value: string, context: 'block' | 'flow' = 'block'): string {
  const safe = context === 'flow' ? /^[A-Za-z0-9_$./][\w$./:@-]*$/ : /^[A-Za-z0-9_$./][^\x00-\x1f\x7f#'"\\]*$/;
  const plain = safe.test(value) && !value.startsWith('${') && !/: |:$| $/.test(value) && !RESERVED.test(value);
  // A JSON string is a valid YAML double-quoted scalar.
  return plain ? value : JSON.stringify(value);
}

/** A string → string map as a one-line YAML flow mapping: `{ orderId: $.id }`. */
export function yamlFlowMap(map: Record<string, string>): string {
  return `{ ${Object.entries(map).map(([k, v]) => `${yamlScalar(k, 'flow')}: ${yamlScalar(v, 'flow')}`).join(', ')} }`;
}
