import { createPrivateKey } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lazyKeyPair, publicKeyOf, readKeyFileIfExists } from '../../crypto/key-files.js';
import { generateRsaKeyPair, type RsaKeyPair } from '../../crypto/rsa.js';
import { ProviderError } from '../../errors.js';
import type { AlipayConfig } from './config.js';

const PROVIDER = 'alipay';

/** File names in the keys folder. */
export const KEY_FILES = {
  appPrivate: 'app_private_key.pem',
  appPublic: 'app_public_key.pem',
  alipayPrivate: 'alipay_private_key.pem',
  alipayPublic: 'alipay_public_key.pem',
} as const;

/** The keys of one Alipay sandbox: the merchant's app pair, the sandbox's "Alipay" pair, and another pair for forgeries. */
export interface AlipayKeys {
  dir: string;
  appPrivateKeyPath: string;
  appPublicKeyPath: string;
  alipayPrivateKeyPath: string;
  alipayPublicKeyPath: string;
  /** The merchant's private key, if the folder holds it (the sandbox never signs with it). */
  appPrivateKey?: string;
  /** Verifies the merchant's requests. */
  appPublicKey: string;
  /** Signs responses and notifies. */
  alipayPrivateKey: string;
  /** What merchants verify with. */
  alipayPublicKey: string;
  /** A pair of the same kind that is not Alipay's, made in memory on first use (the `other-key` variant, `bad-signature` fault). */
  other(): RsaKeyPair;
}

// alipay-sdk reads privateKey as PKCS#1 unless told `keyType: 'PKCS8'`, so the merchant's copy is PKCS#1:
// the documented SDK snippet then works with no extra option (Alipay's key tool offers the same format for non-Java stacks).
const toPkcs1 = (privatePem: string): string => createPrivateKey(privatePem).export({ type: 'pkcs1', format: 'pem' }).toString();

/** Loads the keys folder, generating what is missing when `create` is set; throws a ProviderError saying what to run otherwise. */
export async function loadAlipayKeys(config: AlipayConfig, options: { baseDir: string; create: boolean }): Promise<AlipayKeys> {
  const dir = path.resolve(options.baseDir, config.keys);
  const file = (name: string) => path.join(dir, name);
  let appPrivate = await readKeyFileIfExists(PROVIDER, file(KEY_FILES.appPrivate));
  let appPublic = await readKeyFileIfExists(PROVIDER, file(KEY_FILES.appPublic));
  let alipayPrivate = await readKeyFileIfExists(PROVIDER, file(KEY_FILES.alipayPrivate));
  let alipayPublic = await readKeyFileIfExists(PROVIDER, file(KEY_FILES.alipayPublic));

  const missing: string[] = [];
  if (!appPublic && !appPrivate) missing.push(KEY_FILES.appPrivate, KEY_FILES.appPublic);
  if (!alipayPrivate) missing.push(KEY_FILES.alipayPrivate);
  if (missing.length && !options.create) {
    throw new ProviderError(
      'KEYS_MISSING',
      `Cannot start the alipay sandbox: ${dir} has no ${missing.join(', ')}. Run \`payprobe init\` to generate the sandbox keys, or point providers.alipay.keys at the folder that holds them.`,
    );
  }

  const writes: { name: string; pem: string; secret: boolean }[] = [];
  try {
    if (!appPublic && !appPrivate) {
      const pair = generateRsaKeyPair(2048);
      appPrivate = toPkcs1(pair.privateKeyPem);
      appPublic = pair.publicKeyPem;
      writes.push({ name: KEY_FILES.appPrivate, pem: appPrivate, secret: true }, { name: KEY_FILES.appPublic, pem: appPublic, secret: false });
    } else if (!appPublic) {
      appPublic = publicKeyOf(appPrivate!);
      writes.push({ name: KEY_FILES.appPublic, pem: appPublic, secret: false });
    }
    if (!alipayPrivate) {
      if (alipayPublic) {
        throw new ProviderError(
          'KEYS_MISSING',
          `Cannot start the alipay sandbox: ${dir} holds ${KEY_FILES.alipayPublic} but not ${KEY_FILES.alipayPrivate}, so it cannot sign as Alipay. Delete ${KEY_FILES.alipayPublic} to have a new pair generated, or restore the private key.`,
        );
      }
      const pair = generateRsaKeyPair(2048);
      alipayPrivate = pair.privateKeyPem;
      alipayPublic = pair.publicKeyPem;
      writes.push({ name: KEY_FILES.alipayPrivate, pem: alipayPrivate, secret: true }, { name: KEY_FILES.alipayPublic, pem: alipayPublic, secret: false });
    } else if (!alipayPublic) {
      alipayPublic = publicKeyOf(alipayPrivate);
      writes.push({ name: KEY_FILES.alipayPublic, pem: alipayPublic, secret: false });
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError('KEYS_INVALID', `Cannot use the alipay sandbox keys in ${dir}: ${(error as Error).message}. Fix or delete the PEM files.`, { cause: error });
  }

  if (writes.length) {
    if (!options.create) {
      throw new ProviderError('KEYS_MISSING', `Cannot start the alipay sandbox: ${dir} has no ${writes.map((w) => w.name).join(', ')}. Run \`payprobe init\` to generate them.`);
    }
    await mkdir(dir, { recursive: true });
    // Keys must never reach a repository by accident.
    await writeFile(file('.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
    for (const w of writes) await writeFile(file(w.name), w.pem, { mode: w.secret ? 0o600 : 0o644 });
  }

  return {
    dir,
    appPrivateKeyPath: file(KEY_FILES.appPrivate),
    appPublicKeyPath: file(KEY_FILES.appPublic),
    alipayPrivateKeyPath: file(KEY_FILES.alipayPrivate),
    alipayPublicKeyPath: file(KEY_FILES.alipayPublic),
    appPrivateKey: appPrivate,
    appPublicKey: appPublic!,
    alipayPrivateKey: alipayPrivate,
    alipayPublicKey: alipayPublic!,
    other: lazyKeyPair(),
  };
}

/** The private keys, for redaction. */
export function alipaySecrets(keys: AlipayKeys): string[] {
  return [keys.appPrivateKey, keys.alipayPrivateKey].filter((k): k is string => typeof k === 'string');
}
