import { encryptAesGcm } from '../../crypto/aes-gcm.js';
import type { ApiRoute } from './api.js';
import { newNonce } from './signing.js';
import { formatRfc3339 } from './time.js';

/**
 * GET /v3/certificates: the platform certificate list, each certificate encrypted with the APIv3 key
 * (AEAD_AES_256_GCM, associated_data "certificate", a 12-character nonce), answered signed. Served in
 * both key modes, since a merchant migrating to the public key still holds its certificates.
 */
export const CERTIFICATES_ROUTE: ApiRoute = {
  method: 'GET',
  path: '/v3/certificates',
  api: 'wechatpay.certificates',
  run({ env }) {
    const nonce = newNonce(12).toLowerCase();
    return {
      ok: true,
      json: {
        data: [
          {
            effective_time: formatRfc3339(env.keys.platformValidFrom),
            encrypt_certificate: {
              algorithm: 'AEAD_AES_256_GCM',
              associated_data: 'certificate',
              ciphertext: encryptAesGcm(env.keys.platformCertificate, env.keys.apiV3Key, nonce, 'certificate'),
              nonce,
            },
            expire_time: formatRfc3339(env.keys.platformValidTo),
            serial_no: env.keys.platformSerialNo,
          },
        ],
      },
    };
  },
};
