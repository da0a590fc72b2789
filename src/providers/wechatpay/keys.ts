import { createPrivateKey, randomBytes, randomInt, X509Certificate } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lazyKeyPair, publicKeyOf, readKeyFileIfExists } from '../../crypto/key-files.js';
import { generateRsaKeyPair, type RsaKeyPair } from '../../crypto/rsa.js';
import { createCertificate } from '../../crypto/x509.js';
import { ProviderError } from '../../errors.js';
import type { WechatpayConfig } from './config.js';

const PROVIDER = 'wechatpay';

/** File names in the keys folder (the merchant's two are named as WeChat Pay's certificate tool names them). */
export const KEY_FILES = {
  merchantKey: 'apiclient_key.pem',
  merchantCert: 'apiclient_cert.pem',
  platformKey: 'wechatpay_platform_key.pem',
  platformCert: 'wechatpay_platform_cert.pem',
  publicKeyPrivate: 'pub_key_private.pem',
  publicKey: 'pub_key.pem',
  publicKeyId: 'pub_key_id.txt',
  apiV3Key: 'apiv3_key.txt',
} as const;

/** The keys of one WeChat Pay sandbox: the merchant's API certificate, the platform certificate, the WeChat Pay public key, the APIv3 key. */
export interface WechatpayKeys {
  dir: string;
  merchantPrivateKeyPath: string;
  merchantCertificatePath: string;
  platformCertificatePath: string;
  platformPublicKeyPath: string;
  /** The merchant's private key, if the folder holds it (the sandbox never signs with it). */
  merchantPrivateKey?: string;
  /** The merchant API certificate (PEM); requests are verified with its public key. */
  merchantCertificate: string;
  /** Its serial, upper-case hex as WeChat Pay shows it. */
  merchantSerialNo: string;
  /** Signs responses and notifies in certificate mode. */
  platformPrivateKey: string;
  platformCertificate: string;
  platformSerialNo: string;
  /** The platform certificate's validity, ms (effective_time / expire_time at GET /v3/certificates). */
  platformValidFrom: number;
  platformValidTo: number;
  /** Signs responses and notifies in public-key mode. */
  publicKeyPrivate: string;
  /** The WeChat Pay public key (SPKI PEM), what merchants verify with in public-key mode. */
  publicKey: string;
  /** `PUB_KEY_ID_` + 32 digits. */
  publicKeyId: string;
  /** The 32-character APIv3 key: encrypts notify resources and certificates. */
  apiV3Key: string;
  /** A pair that is not WeChat Pay's, made in memory on first use (the `other-key` variant, `bad-signature` fault). */
  other(): RsaKeyPair;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

// 40 hex digits like WeChat Pay's serials, the first one 1-7 so the DER integer needs no leading zero byte
// and every parser (node, @fidm/x509) prints the same 40 digits.
const newSerial = (): string => `${randomInt(1, 8)}${randomBytes(20).toString('hex').slice(1).toUpperCase()}`;

const YEAR_MS = 365 * 86_400_000;

/** Issues a 5-year self-signed certificate for `privatePem` with a WeChat-style serial. */
async function issue(privatePem: string, subject: string): Promise<string> {
  const notBefore = new Date(Date.now() - 86_400_000);
  return createCertificate({
    publicKeyPem: publicKeyOf(privatePem),
    signingKeyPem: privatePem,
    serialNumberHex: newSerial(),
    subject,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 5 * YEAR_MS),
  });
}

/** A new WeChat Pay public key id: `PUB_KEY_ID_` + `01` + the mchid (10 digits) + 20 digits. */
function newPublicKeyId(mchid: string): string {
  return `PUB_KEY_ID_01${mchid.padStart(10, '0').slice(-10)}${randomText('0123456789', 20)}`;
}

/** Loads the keys folder, generating what is missing when `create` is set; throws a ProviderError saying what to run otherwise. */
export async function loadWechatpayKeys(config: WechatpayConfig, options: { baseDir: string; create: boolean }): Promise<WechatpayKeys> {
  const dir = path.resolve(options.baseDir, config.keys);
  const file = (name: string) => path.join(dir, name);
  const found = Object.fromEntries(await Promise.all(Object.entries(KEY_FILES).map(async ([k, name]) => [k, await readKeyFileIfExists(PROVIDER, file(name))] as const))) as Record<
    keyof typeof KEY_FILES,
    string | undefined
  >;
  const f = { ...found };

  const missing: string[] = [];
  if (!f.merchantKey && !f.merchantCert) missing.push(KEY_FILES.merchantKey, KEY_FILES.merchantCert);
  else if (!f.merchantCert) missing.push(KEY_FILES.merchantCert);
  if (!f.platformKey) missing.push(KEY_FILES.platformKey, ...(f.platformCert ? [] : [KEY_FILES.platformCert]));
  else if (!f.platformCert) missing.push(KEY_FILES.platformCert);
  if (!f.publicKeyPrivate) missing.push(KEY_FILES.publicKeyPrivate);
  if (!f.publicKeyId) missing.push(KEY_FILES.publicKeyId);
  if (!f.apiV3Key) missing.push(KEY_FILES.apiV3Key);
  if (missing.length && !options.create) {
    throw new ProviderError(
      'KEYS_MISSING',
      `Cannot start the wechatpay sandbox: ${dir} has no ${missing.join(', ')}. Run \`payprobe init\` to generate the sandbox keys, or point providers.wechatpay.keys at the folder that holds them.`,
    );
  }

  const writes: { name: string; text: string; secret: boolean }[] = [];
  const put = (name: string, text: string, secret: boolean) => writes.push({ name, text, secret });
  try {
    if (!f.merchantKey && !f.merchantCert) {
      f.merchantKey = generateRsaKeyPair(2048).privateKeyPem;
      put(KEY_FILES.merchantKey, f.merchantKey, true);
    }
    if (!f.merchantCert) {
      f.merchantCert = await issue(f.merchantKey!, `CN=${config.mchid}, OU=payprobe sandbox, O=WeChat Pay merchant API certificate, L=Shenzhen, ST=Guangdong, C=CN`);
      put(KEY_FILES.merchantCert, f.merchantCert, false);
    }
    if (!f.platformKey) {
      if (f.platformCert) {
        throw new ProviderError(
          'KEYS_MISSING',
          `Cannot start the wechatpay sandbox: ${dir} holds ${KEY_FILES.platformCert} but not ${KEY_FILES.platformKey}, so it cannot sign as WeChat Pay. Delete ${KEY_FILES.platformCert} to have a new pair generated, or restore the private key.`,
        );
      }
      f.platformKey = generateRsaKeyPair(2048).privateKeyPem;
      put(KEY_FILES.platformKey, f.platformKey, true);
    }
    if (!f.platformCert) {
      f.platformCert = await issue(f.platformKey, 'CN=Tenpay.com sign, OU=payprobe sandbox, O=Tenpay.com, L=Shenzhen, ST=Guangdong, C=CN');
      put(KEY_FILES.platformCert, f.platformCert, false);
    }
    if (!f.publicKeyPrivate) {
      if (f.publicKey) {
        throw new ProviderError(
          'KEYS_MISSING',
          `Cannot start the wechatpay sandbox: ${dir} holds ${KEY_FILES.publicKey} but not ${KEY_FILES.publicKeyPrivate}, so it cannot sign in public-key mode. Delete ${KEY_FILES.publicKey} to have a new pair generated, or restore the private key.`,
        );
      }
      f.publicKeyPrivate = generateRsaKeyPair(2048).privateKeyPem;
      put(KEY_FILES.publicKeyPrivate, f.publicKeyPrivate, true);
    }
    if (!f.publicKey) {
      f.publicKey = publicKeyOf(f.publicKeyPrivate);
      put(KEY_FILES.publicKey, f.publicKey, false);
    }
    if (!f.publicKeyId) {
      f.publicKeyId = newPublicKeyId(config.mchid);
      put(KEY_FILES.publicKeyId, `${f.publicKeyId}\n`, false);
    }
    if (!f.apiV3Key) {
      f.apiV3Key = randomText(ALNUM, 32);
      put(KEY_FILES.apiV3Key, `${f.apiV3Key}\n`, true);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError('KEYS_INVALID', `Cannot use the wechatpay sandbox keys in ${dir}: ${(error as Error).message}. Fix or delete the files.`, { cause: error });
  }

  const publicKeyId = f.publicKeyId.trim();
  const apiV3Key = f.apiV3Key.trim();
  if (!/^PUB_KEY_ID_\d{32}$/.test(publicKeyId)) {
    throw new ProviderError('KEYS_INVALID', `Cannot use ${file(KEY_FILES.publicKeyId)}: "${publicKeyId}" is not PUB_KEY_ID_ followed by 32 digits. Fix it or delete the file.`);
  }
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) {
    throw new ProviderError('KEYS_INVALID', `Cannot use ${file(KEY_FILES.apiV3Key)}: an APIv3 key has 32 characters, this one has ${apiV3Key.length}. Fix it or delete the file.`);
  }
  let merchantCert: X509Certificate;
  let platformCert: X509Certificate;
  try {
    merchantCert = new X509Certificate(f.merchantCert);
    platformCert = new X509Certificate(f.platformCert);
    createPrivateKey(f.platformKey);
    createPrivateKey(f.publicKeyPrivate);
  } catch (error) {
    throw new ProviderError('KEYS_INVALID', `Cannot use the wechatpay sandbox keys in ${dir}: ${(error as Error).message}. Fix or delete the files.`, { cause: error });
  }

  if (writes.length) {
    await mkdir(dir, { recursive: true });
    // Keys must never reach a repository by accident.
    await writeFile(file('.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
    for (const w of writes) await writeFile(file(w.name), w.text, { mode: w.secret ? 0o600 : 0o644 });
  }

  return {
    dir,
    merchantPrivateKeyPath: file(KEY_FILES.merchantKey),
    merchantCertificatePath: file(KEY_FILES.merchantCert),
    platformCertificatePath: file(KEY_FILES.platformCert),
    platformPublicKeyPath: file(KEY_FILES.publicKey),
    merchantPrivateKey: f.merchantKey,
    merchantCertificate: f.merchantCert,
    merchantSerialNo: merchantCert.serialNumber.toUpperCase(),
    platformPrivateKey: f.platformKey,
    platformCertificate: f.platformCert,
    platformSerialNo: platformCert.serialNumber.toUpperCase(),
    platformValidFrom: Date.parse(platformCert.validFrom),
    platformValidTo: Date.parse(platformCert.validTo),
    publicKeyPrivate: f.publicKeyPrivate,
    publicKey: f.publicKey,
    publicKeyId,
    apiV3Key,
    other: lazyKeyPair(),
  };
}

/** Every secret, for redaction: the private keys and the APIv3 key. */
export function wechatpaySecrets(keys: WechatpayKeys): string[] {
  return [keys.merchantPrivateKey, keys.platformPrivateKey, keys.publicKeyPrivate, keys.apiV3Key].filter((k): k is string => typeof k === 'string');
}
