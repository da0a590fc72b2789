import { createHash, randomBytes } from 'node:crypto';
import { encryptAesGcm } from '../../crypto/aes-gcm.js';
import type { LedgerOrder, LedgerRefund } from '../../sandbox/ledger.js';
import type { CallbackBuildInput, CallbackMessage } from '../types.js';
import { AUTH_SCHEME } from './auth.js';
import type { WechatpayEnv } from './env.js';
import { setPath } from '../../util/set-path.js';
import { newNonce, signatureHeaders, signingKeyFor } from './signing.js';
import { cstCompact, formatRfc3339 } from './time.js';
import { transactionView } from './transaction.js';

/** Notify events a scenario can send. */
export const NOTIFY_EVENTS = ['transaction.success', 'refund.success', 'refund.closed', 'refund.abnormal'] as const;

/** event_type, resource.original_type / associated_data, and summary of each event. */
const EVENTS: Record<string, { type: string; original: 'transaction' | 'refund'; summary: string; refundStatus?: string }> = {
  'transaction.success': { type: 'TRANSACTION.SUCCESS', original: 'transaction', summary: '支付成功' },
  'refund.success': { type: 'REFUND.SUCCESS', original: 'refund', summary: '退款成功', refundStatus: 'SUCCESS' },
  'refund.closed': { type: 'REFUND.CLOSED', original: 'refund', summary: '退款关闭', refundStatus: 'CLOSED' },
  'refund.abnormal': { type: 'REFUND.ABNORMAL', original: 'refund', summary: '退款异常', refundStatus: 'ABNORMAL' },
};

/** The keys of the notify envelope; `override`/`tamper` keys starting with another name address the decrypted resource. */
const ENVELOPE_KEYS = new Set(['id', 'create_time', 'resource_type', 'event_type', 'summary', 'resource']);

/** The `override` key that encrypts the resource with another APIv3 key (`override: { apiv3key: wrong }`): signed right, undecryptable. */
export const WRONG_KEY_OVERRIDE = 'apiv3key';

const digitsFrom = (seed: string, length: number): string => {
  let out = '';
  for (let block = 0; out.length < length; block++) for (const b of createHash('sha256').update(`${seed}:${block}`).digest()) out += String(b % 10);
  return out.slice(0, length);
};

/** The refund a refund notify is about: `detail.refund.requestId`, else the order's latest; a full-refund stand-in when there is none. */
function refundOf(order: LedgerOrder, detail: Record<string, unknown> | undefined, at: number): LedgerRefund {
  const wanted = (detail?.refund as { requestId?: string } | undefined)?.requestId;
  const found = wanted ? order.refunds.find((r) => r.requestId === wanted) : order.refunds[order.refunds.length - 1];
  return found ?? { id: `503000${digitsFrom(order.ref, 23)}`, requestId: order.merchantOrderId, amount: order.amount, status: 'succeeded', createdAt: at, data: { success_time: at } };
}

/** The decrypted resource of a notify: the Transaction as paid (TRANSACTION.*) or the refund's result (REFUND.*), and when it happened. */
export function notifyResource(env: WechatpayEnv, input: CallbackBuildInput): { resource: Record<string, unknown>; happenedAt: number } {
  const { order, at } = input;
  const spec = EVENTS[input.event] ?? EVENTS['transaction.success'];
  if (spec.original === 'transaction') {
    // The notify tells of the payment as it happened, even if the scenario sends it for an order not (yet) paid.
    const paidAt = order.paidAt ?? at;
    const asPaid: LedgerOrder = { ...order, status: 'paid', paidAt, refunds: [], data: { ...order.data, openid: order.data.openid ?? `o${digitsFrom(order.ref, 27)}` } };
    return { resource: transactionView(env, asPaid), happenedAt: paidAt };
  }
  const refund = refundOf(order, input.detail, at);
  const happenedAt = typeof refund.data.settled_at === 'number' ? refund.data.settled_at : typeof refund.data.success_time === 'number' ? refund.data.success_time : at;
  const resource: Record<string, unknown> = {
    mchid: env.config.mchid,
    transaction_id: order.providerOrderId,
    out_trade_no: order.merchantOrderId,
    refund_id: refund.id,
    out_refund_no: refund.requestId,
    refund_status: spec.refundStatus,
  };
  if (spec.refundStatus === 'SUCCESS') resource.success_time = formatRfc3339(happenedAt);
  resource.user_received_account = '支付用户零钱';
  resource.amount = { total: order.amount, refund: refund.amount, payer_total: order.amount, payer_refund: refund.amount };
  return { resource, happenedAt };
}

const splitChanges = (changes: Record<string, string> | undefined) => {
  const envelope: [string, string][] = [];
  const resource: [string, string][] = [];
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (k === WRONG_KEY_OVERRIDE) continue;
    (ENVELOPE_KEYS.has(k.split('.')[0]) ? envelope : resource).push([k, v]);
  }
  return { envelope, resource };
};

/**
 * Builds one notify: the resource (with overrides), encrypted AEAD_AES_256_GCM with the APIv3 key, the
 * envelope, the Wechatpay-* signature headers per variant (wall-clock timestamp, shifted by `staleByMs`),
 * then tampering: envelope fields, or resource fields re-encrypted, without re-signing.
 */
export function buildNotify(env: WechatpayEnv, input: CallbackBuildInput): CallbackMessage {
  const spec = EVENTS[input.event] ?? EVENTS['transaction.success'];
  const { resource, happenedAt } = notifyResource(env, input);
  const overrides = splitChanges(input.variant.override);
  for (const [k, v] of overrides.resource) setPath(resource, k, v);
  const wrongKey = input.variant.override?.[WRONG_KEY_OVERRIDE];
  const key =
    wrongKey === undefined ? env.keys.apiV3Key : Buffer.byteLength(wrongKey) === 32 ? wrongKey : createHash('sha256').update(`${wrongKey}:${env.keys.apiV3Key}`).digest('hex').slice(0, 32);
  const nonce = newNonce(12).toLowerCase();
  const seal = (plain: Record<string, unknown>) => encryptAesGcm(JSON.stringify(plain), key, nonce, spec.original);
  const envelope: Record<string, unknown> = {
    id: `EV-${cstCompact(happenedAt)}${digitsFrom(input.deliveryKey, 5)}`,
    create_time: formatRfc3339(happenedAt),
    resource_type: 'encrypt-resource',
    event_type: spec.type,
    summary: spec.summary,
    resource: { original_type: spec.original, algorithm: 'AEAD_AES_256_GCM', ciphertext: seal(resource), associated_data: spec.original, nonce },
  };
  for (const [k, v] of overrides.envelope) setPath(envelope, k, v);
  let body = JSON.stringify(envelope);

  const signer = signingKeyFor(env.config, env.keys);
  const signed = signatureHeaders(signer, body, {
    staleByMs: input.variant.staleByMs,
    signWith: input.variant.signer === 'other-key' ? env.keys.other().privateKeyPem : undefined,
  });
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...signed, 'Wechatpay-Signature-Type': AUTH_SCHEME };
  // Random bytes the length of an RSA-2048 signature: well-formed base64 that verifies with no key.
  if (input.variant.signer === 'forged') headers['Wechatpay-Signature'] = randomBytes(256).toString('base64');
  if (input.variant.signer === 'unsigned') delete headers['Wechatpay-Signature'];

  const tamper = splitChanges(input.variant.tamper);
  if (tamper.resource.length || tamper.envelope.length) {
    if (tamper.resource.length) {
      const changed = structuredClone(resource);
      for (const [k, v] of tamper.resource) setPath(changed, k, v);
      (envelope.resource as Record<string, unknown>).ciphertext = seal(changed);
    }
    for (const [k, v] of tamper.envelope) setPath(envelope, k, v);
    body = JSON.stringify(envelope);
  }
  return { method: 'POST', headers, body };
}

/** WeChat Pay's ack rule: HTTP 200 or 204, whatever the body says (a 200 with `code: FAIL` still counts as received). */
export function isWechatpayAck(response: { status: number; body: string }): boolean {
  return response.status === 200 || response.status === 204;
}
