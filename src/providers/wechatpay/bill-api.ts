import { gzipSync } from 'node:zlib';
import { HttpResponse } from 'msw';
import type { ApiRequest, ApiResult, ApiRoute } from './api.js';
import { failure, missingField, WX } from './codes.js';
import { billEvents, buildFundFlowBill, buildTradeBill } from './bill.js';
import { BILL_LINK_TTL_MS, sha1Hex } from './bill-links.js';
import { PROVIDER_ID } from './env.js';
import { cstDayStart } from './time.js';

const DAY_MS = 86_400_000;
// A day's bill exists from 10:00 (+08:00) the next day; only the last three months can be had.
const READY_AFTER_MS = DAY_MS + 10 * 3_600_000;
const KEPT_MS = 90 * DAY_MS;

const badParam = (name: string, value: string) => failure(400, 'PARAM_ERROR', `输入源“/query/${name}”映射到字段“${name}”校验失败，不支持的值`, { location: 'query', value });

/** Applies for a bill: checks the date, builds the file now (so its SHA1 is fixed) and hands out a download_url. */
function applyForBill(request: ApiRequest, api: 'wechatpay.bill.trade' | 'wechatpay.bill.fundflow'): ApiResult {
  const { env, query, now, scenarioId } = request;
  const billDate = query.get('bill_date');
  if (!billDate) return { ok: false, failure: missingField('/query/bill_date', '账单日期') };
  const start = cstDayStart(billDate);
  if (start === undefined) return { ok: false, failure: WX.invalidRequest('参数错误，请检查bill_date') };
  if (start < now - KEPT_MS) return { ok: false, failure: WX.invalidRequest('参数错误，仅支持三个月内的账单') };
  const tarType = query.get('tar_type');
  if (tarType !== null && tarType !== 'GZIP') return { ok: false, failure: badParam('tar_type', tarType) };

  let file: string | undefined;
  const day = { start, end: start + DAY_MS, orders: env.ctx.ledger.list({ provider: PROVIDER_ID }) };
  if (api === 'wechatpay.bill.trade') {
    const billType = query.get('bill_type') ?? 'ALL';
    if (!['ALL', 'SUCCESS', 'REFUND'].includes(billType)) return { ok: false, failure: badParam('bill_type', billType) };
    if (now < start + READY_AFTER_MS) return { ok: false, failure: WX.statementCreating() };
    const events = billEvents(day, billType as 'ALL' | 'SUCCESS' | 'REFUND');
    if (events.length) file = buildTradeBill(env.config, events);
  } else {
    const accountType = query.get('account_type') ?? 'BASIC';
    if (!['BASIC', 'OPERATION', 'FEES'].includes(accountType)) return { ok: false, failure: badParam('account_type', accountType) };
    if (now < start + READY_AFTER_MS) return { ok: false, failure: WX.statementCreating() };
    // Only the basic account moves in the sandbox.
    const events = accountType === 'BASIC' ? billEvents(day) : [];
    if (events.length) file = buildFundFlowBill(env.config, events);
  }
  if (file === undefined) return { ok: false, failure: WX.noStatement() };
  const bytes = tarType === 'GZIP' ? gzipSync(Buffer.from(file, 'utf8')) : Buffer.from(file, 'utf8');
  // The link points where the merchant called: the real origin when intercepted in-process, the sandbox's port over HTTP.
  const host = request.call.request.headers.get('host');
  const origin = request.call.url.origin;
  const base = !host || host === new URL(origin).host ? origin : undefined;
  const link = env.bills.issue({ api, billDate, issuedAt: now, scenarioId, gzip: tarType === 'GZIP', file: bytes }, base);
  return { ok: true, json: { download_url: link.url, hash_type: 'SHA1', hash_value: sha1Hex(bytes) } };
}

/** Trade bill and fund flow bill applications, and the download of the file behind a download_url (a signed request, an unsigned stream). */
export const BILL_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/v3/bill/tradebill', api: 'wechatpay.bill.trade', run: (r) => applyForBill(r, 'wechatpay.bill.trade') },
  { method: 'GET', path: '/v3/bill/fundflowbill', api: 'wechatpay.bill.fundflow', run: (r) => applyForBill(r, 'wechatpay.bill.fundflow') },
  {
    method: 'GET',
    path: '/v3/billdownload/file',
    api: 'wechatpay.bill.download',
    run({ env, query }) {
      const link = env.bills.get(query.get('token') ?? '');
      // Both answers are the doc's "400 INVALID_REQUEST: get a new address from the bill API first".
      if (!link) return { ok: false, failure: WX.invalidRequest('参数错误，请重新申请账单获取下载地址') };
      if (env.clock(link.scenarioId).now() - link.issuedAt > BILL_LINK_TTL_MS) return { ok: false, failure: WX.invalidRequest('参数错误，下载地址已过期，请重新申请账单') };
      const body = link.file.buffer.slice(link.file.byteOffset, link.file.byteOffset + link.file.byteLength) as ArrayBuffer;
      return {
        ok: true,
        response: HttpResponse.arrayBuffer(body, { headers: { 'Content-Type': link.gzip ? 'application/x-gzip' : 'text/plain; charset=utf-8' } }),
      };
    },
  },
];
