import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lazyKeyPair, publicKeyOf, readKeyFileIfExists } from '../../crypto/key-files.js';
import { generateRsaKeyPair, type RsaKeyPair } from '../../crypto/rsa.js';
import { createCertificate } from '../../crypto/x509.js';
import { ProviderError } from '../../errors.js';
import type { PaypalConfig } from './config.js';

const PROVIDER = 'paypal';

/** File names in the keys folder. */
export const KEY_FILES = {
  credentials: 'paypal-credentials.json',
  signingKey: 'webhook_signing_key.pem',
  signingCert: 'webhook_signing_cert.pem',
} as const;

/** The sandbox REST app and webhook signing material. */
export interface PaypalKeys {
  dir: string;
  /** `sb-payprobe-…` unless the config names one. */
  clientId: string;
  clientSecret: string;
  /** The webhook subscription id, part of every signed message. */
  webhookId: string;
  /** The last part of the PAYPAL-CERT-URL path (`CERT-…`). */
  certId: string;
  /** Signs webhooks (SHA256withRSA). */
  signingKey: string;
  /** Self-signed sandbox certificate of the signing key, served at the cert URL. */
  signingCertificate: string;
  /** A pair that is not PayPal's, made in memory on first use (the `other-key` variant). */
  other(): RsaKeyPair;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length: number): string => Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');

interface Credentials {
  clientId: string;
  clientSecret: string;
  webhookId: string;
  certId: string;
}

/** Fresh, obviously fake sandbox credentials. */
export function generatePaypalCredentials(): Credentials {
  return {
    clientId: `sb-payprobe-${randomText(40)}`,
    clientSecret: `sb-payprobe-secret-${randomText(40)}`,
    webhookId: `sb-payprobe-WH-${randomBytes(8).toString('hex').toUpperCase()}`,
    certId: `CERT-payprobe-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`,
  };
}

const YEAR_MS = 365 * 86_400_000;

/** Loads the keys folder, generating what is missing when `create` is set; throws a ProviderError saying what to run otherwise. */
export async function loadPaypalKeys(config: PaypalConfig, options: { baseDir: string; create: boolean }): Promise<PaypalKeys> {
  const dir = path.resolve(options.baseDir, config.keys);
  const file = (name: string) => path.join(dir, name);
  const [credText, keyText, certText] = await Promise.all([KEY_FILES.credentials, KEY_FILES.signingKey, KEY_FILES.signingCert].map((n) => readKeyFileIfExists(PROVIDER, file(n))));
  const missing = [credText ? undefined : KEY_FILES.credentials, keyText ? undefined : KEY_FILES.signingKey, certText ? undefined : KEY_FILES.signingCert].filter((n) => n !== undefined);
  if (missing.length && !options.create) {
    throw new ProviderError(
      'KEYS_MISSING',
      `Cannot start the paypal sandbox: ${dir} has no ${missing.join(', ')}. Run \`payprobe init\` to generate the sandbox keys, or point providers.paypal.keys at the folder that holds them.`,
    );
  }
  let credentials: Credentials;
  if (credText) {
    try {
      credentials = JSON.parse(credText) as Credentials;
    } catch (error) {
      throw new ProviderError('KEYS_INVALID', `Cannot use ${file(KEY_FILES.credentials)}: it is not JSON (${(error as Error).message}). Fix it or delete the file to have new credentials generated.`, { cause: error });
    }
    const bad = (['clientId', 'clientSecret', 'webhookId', 'certId'] as const).filter((k) => typeof credentials[k] !== 'string' || !credentials[k]);
    if (bad.length) throw new ProviderError('KEYS_INVALID', `Cannot use ${file(KEY_FILES.credentials)}: ${bad.join(', ')} missing. Fix it or delete the file.`);
  } else credentials = generatePaypalCredentials();
  if (!keyText && certText) {
    throw new ProviderError(
      'KEYS_MISSING',
      `Cannot start the paypal sandbox: ${dir} holds ${KEY_FILES.signingCert} but not ${KEY_FILES.signingKey}, so it cannot sign webhooks. Delete ${KEY_FILES.signingCert} to have a new pair generated, or restore the private key.`,
    );
  }
  const signingKey = keyText ?? generateRsaKeyPair(2048).privateKeyPem;
  let signingCertificate = certText;
  if (!signingCertificate) {
    const notBefore = new Date(Date.now() - 86_400_000);
    signingCertificate = await createCertificate({
      publicKeyPem: publicKeyOf(signingKey),
      signingKeyPem: signingKey,
      serialNumberHex: `1${randomBytes(15).toString('hex')}`,
      // Says what it is: nobody should mistake it for PayPal's own certificate.
      subject: 'CN=payprobe sandbox webhook signing (TEST ONLY - not PayPal), OU=payprobe sandbox, O=payprobe',
      notBefore,
      notAfter: new Date(notBefore.getTime() + 5 * YEAR_MS),
    });
  }
  if (missing.length) {
    await mkdir(dir, { recursive: true });
    // Keys must never reach a repository by accident.
    await writeFile(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
    if (!credText) await writeFile(file(KEY_FILES.credentials), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    if (!keyText) await writeFile(file(KEY_FILES.signingKey), signingKey, { mode: 0o600 });
    if (!certText) await writeFile(file(KEY_FILES.signingCert), signingCertificate, { mode: 0o644 });
  }
  return {
    dir,
    clientId: config.clientId ?? credentials.clientId,
    clientSecret: config.clientSecret ?? credentials.clientSecret,
    webhookId: config.webhookId ?? credentials.webhookId,
    certId: credentials.certId,
    signingKey,
    signingCertificate,
    other: lazyKeyPair(),
  };
}

/** Every secret, for redaction. */
export function paypalSecrets(keys: PaypalKeys): string[] {
  return [keys.clientSecret, keys.signingKey];
}
