import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProviderError } from '../../errors.js';
import type { StripeConfig } from './config.js';

/** The file in the keys folder that holds the three keys. */
export const KEYS_FILE = 'stripe-keys.json';

/** The keys of one Stripe sandbox account. */
export interface StripeKeys {
  dir: string;
  /** `sk_test_…`: the merchant's server authenticates with it. */
  secretKey: string;
  /** `pk_test_…`: for the merchant's front end (the sandbox does not check it). */
  publishableKey: string;
  /** `whsec_…`: the webhook endpoint's signing secret. */
  webhookSecret: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length: number): string => Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');

/** A fresh set of test-mode keys, shaped like Stripe's (sk_test_/pk_test_ + 99 characters, whsec_ + 32). */
export function generateStripeKeys(): Omit<StripeKeys, 'dir'> {
  const account = randomText(24);
  return { secretKey: `sk_test_51${account}${randomText(73)}`, publishableKey: `pk_test_51${account}${randomText(73)}`, webhookSecret: `whsec_${randomText(32)}` };
}

const SHAPES: [keyof Omit<StripeKeys, 'dir'>, RegExp][] = [
  ['secretKey', /^sk_test_\w+$/],
  ['publishableKey', /^pk_test_\w+$/],
  ['webhookSecret', /^whsec_\w+$/],
];

/** Loads the keys file, generating it (mode 0600) when `create` is set; throws a ProviderError saying what to run otherwise. */
export async function loadStripeKeys(config: StripeConfig, options: { baseDir: string; create: boolean }): Promise<StripeKeys> {
  const dir = path.resolve(options.baseDir, config.keys);
  const file = path.join(dir, KEYS_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ProviderError('KEYS_UNREADABLE', `Cannot read the stripe sandbox keys ${file}: ${(error as Error).message}.`, { cause: error });
  }
  if (text === undefined) {
    if (!options.create) {
      throw new ProviderError('KEYS_MISSING', `Cannot start the stripe sandbox: ${file} does not exist. Run \`payprobe init\` to generate the sandbox keys, or point providers.stripe.keys at the folder that holds them.`);
    }
    const keys = generateStripeKeys();
    await mkdir(dir, { recursive: true });
    // Keys must never reach a repository by accident.
    await writeFile(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
    await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    return { dir, ...keys };
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new ProviderError('KEYS_INVALID', `Cannot use ${file}: it is not JSON (${(error as Error).message}). Fix it or delete the file to have new keys generated.`, { cause: error });
  }
  const bad = SHAPES.filter(([k, re]) => typeof parsed[k] !== 'string' || !re.test(parsed[k] as string)).map(([k]) => k);
  if (bad.length) throw new ProviderError('KEYS_INVALID', `Cannot use ${file}: ${bad.join(', ')} missing or malformed (expected sk_test_…, pk_test_…, whsec_…). Fix it or delete the file.`);
  return { dir, secretKey: parsed.secretKey as string, publishableKey: parsed.publishableKey as string, webhookSecret: parsed.webhookSecret as string };
}

/** Every secret, for redaction. */
export function stripeSecrets(keys: StripeKeys): string[] {
  return [keys.secretKey, keys.webhookSecret];
}
