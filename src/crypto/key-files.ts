import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ProviderError } from '../errors.js';
import { generateRsaKeyPair, type RsaKeyPair } from './rsa.js';

/** Reads a key file, or undefined if it does not exist; any other failure is a ProviderError naming the provider and file. */
export async function readKeyFileIfExists(provider: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ProviderError('KEYS_UNREADABLE', `Cannot read the ${provider} sandbox key ${file}: ${(error as Error).message}.`, { cause: error });
  }
}

/** The SPKI PEM public key of a private key PEM (PKCS#1 or PKCS#8). */
export function publicKeyOf(privatePem: string): string {
  return createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** A key pair made in memory on first use (for the `other-key` variant and the `bad-signature` fault). */
export function lazyKeyPair(): () => RsaKeyPair {
  let pair: RsaKeyPair | undefined;
  return () => (pair ??= generateRsaKeyPair(2048));
}
