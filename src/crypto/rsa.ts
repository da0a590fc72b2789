import { createSign, createVerify, generateKeyPairSync, type KeyLike } from 'node:crypto';

/** RSA signature algorithms payprobe speaks: PKCS#1 v1.5 over SHA-256 (RSA2, WeChat Pay v3, PayPal) or SHA-1 (Alipay's legacy RSA). */
export type RsaAlgorithm = 'RSA-SHA256' | 'RSA-SHA1';

/** A freshly generated RSA key pair, PEM-encoded. */
export interface RsaKeyPair {
  /** PKCS#8 (`-----BEGIN PRIVATE KEY-----`). */
  privateKeyPem: string;
  /** SPKI (`-----BEGIN PUBLIC KEY-----`). */
  publicKeyPem: string;
}

/** Signs `data` (UTF-8 when a string) with an RSA private key; returns the base64 signature. */
export function signRsa(algorithm: RsaAlgorithm, data: string | Buffer, privateKeyPem: KeyLike): string {
  const signer = createSign(algorithm);
  signer.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  return signer.sign(privateKeyPem, 'base64');
}

/** Verifies a base64 RSA signature; false (never an exception) for a malformed signature or key. */
export function verifyRsa(algorithm: RsaAlgorithm, data: string | Buffer, signatureBase64: string, publicKeyPem: KeyLike): boolean {
  if (typeof signatureBase64 !== 'string' || signatureBase64.length === 0) return false;
  // Node's base64 decoder skips junk silently; a signature must be strict base64 to count.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64)) return false;
  try {
    const verifier = createVerify(algorithm);
    verifier.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    return verifier.verify(publicKeyPem, signatureBase64, 'base64');
  } catch {
    return false;
  }
}

/** Generates an RSA key pair (2048 bits unless told otherwise): private key PKCS#8, public key SPKI. */
export function generateRsaKeyPair(bits = 2048): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
