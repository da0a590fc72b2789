/** Header names whose values are always secret. */
const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key)$/i;

/** The text that replaces a secret. */
export const REDACTED = '[redacted]';

/** Removes secrets from text and headers: registered secret strings and credential-bearing headers. */
export interface Redactor {
  /** Registers a secret (a key, a password, a PEM body) to be replaced wherever it appears. */
  add(secret: string | undefined): void;
  text(value: string): string;
  headers(headers: Record<string, string>): Record<string, string>;
}

/** Creates a redactor. Secrets shorter than 8 characters are ignored to avoid mangling ordinary words. */
export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  return {
    add(secret) {
      if (!secret || secret.length < 8) return;
      secrets.add(secret);
      // A PEM also leaks through its base64 body lines, so register them separately.
      if (secret.includes('-----BEGIN')) {
        const body = secret.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, '');
        if (body.length >= 8) secrets.add(body);
        for (const line of secret.split(/\r?\n/)) if (line.length >= 32 && !line.startsWith('-----')) secrets.add(line.trim());
      }
    },
    text(value) {
      let out = value;
      for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
      return out;
    },
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.test(k) ? REDACTED : this.text(v);
      return out;
    },
  };
}
