import { createCipheriv, createDecipheriv } from 'node:crypto';

const TAG_BYTES = 16;

const keyBytes = (key: string | Buffer): Buffer => {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (bytes.length !== 32) throw new RangeError(`An AEAD_AES_256_GCM key has 32 bytes, not ${bytes.length}.`);
  return bytes;
};

/** Encrypts with AEAD_AES_256_GCM (RFC 5116): returns base64 of ciphertext followed by the 16-byte tag. Key, nonce and AAD are taken as UTF-8 bytes. */
export function encryptAesGcm(plaintext: string, key: string | Buffer, nonce: string, associatedData = ''): string {
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

/** Decrypts what {@link encryptAesGcm} made; throws when the key, nonce, AAD or ciphertext do not authenticate. */
export function decryptAesGcm(ciphertextBase64: string, key: string | Buffer, nonce: string, associatedData = ''): string {
  const data = Buffer.from(ciphertextBase64, 'base64');
  if (data.length < TAG_BYTES) throw new RangeError('The ciphertext is shorter than its 16-byte authentication tag.');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(key), Buffer.from(nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}
