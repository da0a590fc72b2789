import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';

/** What {@link createCertificate} needs: the subject's key pair (PEM) and the certificate's facts. */
export interface CertificateOptions {
  /** The key the certificate is for (SPKI or PKCS#8/PKCS#1 PEM; the public half is taken). */
  publicKeyPem: string;
  /** The issuer's private key; the subject's own key for a self-signed certificate. */
  signingKeyPem: string;
  /** Hex serial number, e.g. 40 hex digits as WeChat Pay uses. */
  serialNumberHex: string;
  /** Distinguished name, e.g. `CN=1900000001, O=payprobe`. */
  subject: string;
  /** Issuer name; default the subject (self-signed). */
  issuer?: string;
  notBefore: Date;
  notAfter: Date;
}

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill;
// loading both lazily keeps the polyfill out of processes that never make a certificate.
const loadX509 = async () => {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  return x509;
};

/** Issues an X.509 v3 certificate (SHA256withRSA) with @peculiar/x509; returns it as PEM. */
export async function createCertificate(options: CertificateOptions): Promise<string> {
  const x509 = await loadX509();
  const spki = createPublicKey(options.publicKeyPem).export({ type: 'spki', format: 'der' });
  const pkcs8 = createPrivateKey(options.signingKeyPem).export({ type: 'pkcs8', format: 'der' });
  const publicKey = await webcrypto.subtle.importKey('spki', spki, RSA_SHA256, true, ['verify']);
  const signingKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, false, ['sign']);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: options.serialNumberHex,
    subject: options.subject,
    issuer: options.issuer ?? options.subject,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey,
    signingKey,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation | x509.KeyUsageFlags.keyEncipherment, true),
    ],
  });
  return `${cert.toString('pem')}\n`;
}
