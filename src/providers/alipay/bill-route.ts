import { http, HttpResponse, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import { BILL_LINK_TTL_MS } from './bill-links.js';
import { billPeriod, buildTradeBill } from './bill.js';
import { PROVIDER_ID, type AlipayEnv } from './env.js';
import { encodeGbk } from './gbk.js';
import { writeZip } from './zip.js';

/** The API name bill downloads are journaled under. */
export const BILL_DOWNLOAD_API = 'bill.download';

/** Path of the bill download route (on the sandbox, standing in for dwbillcenter.alipay.com). */
export const BILL_DOWNLOAD_PATH = '/downloadBillFile.resource';

/** Serves the zipped, GBK-encoded trade bill behind a bill_download_url, for 30 virtual seconds. */
export function billDownloadHandler(env: AlipayEnv, origin: string): RequestHandler {
  return http.get(
    `${origin}${BILL_DOWNLOAD_PATH}`,
    journaled(env.deps, async (call) => {
      const token = call.url.searchParams.get('token') ?? '';
      const link = env.bills.get(token);
      call.identify({ api: BILL_DOWNLOAD_API, fields: { bizType: link?.billType, bizDates: call.url.searchParams.get('bizDates') ?? undefined } });
      const text = (status: number, body: string) => HttpResponse.text(body, { status, headers: { 'content-type': 'text/plain;charset=utf-8' } });
      if (!link) {
        call.refuse('BILL_LINK_INVALID', 'no bill link with this token');
        return text(404, '下载链接无效 (payprobe: unknown bill token; call alipay.data.dataservice.bill.downloadurl.query for a link)');
      }
      const now = env.clock(link.scenarioId).now();
      if (now - link.issuedAt > BILL_LINK_TTL_MS) {
        call.refuse('BILL_LINK_EXPIRED', 'bill link older than 30 seconds');
        return text(403, '下载链接已失效 (payprobe: bill links work for 30 seconds; ask alipay.data.dataservice.bill.downloadurl.query for a new one)');
      }
      const files = buildTradeBill({
        orders: env.ctx.ledger.list({ provider: PROVIDER_ID }),
        sellerId: env.config.sellerId,
        period: billPeriod(link.billDate)!,
        exportedAt: link.issuedAt,
      });
      const zip = writeZip([
        { name: encodeGbk(files.detailName), data: encodeGbk(files.detail), modified: link.issuedAt },
        { name: encodeGbk(files.summaryName), data: encodeGbk(files.summary), modified: link.issuedAt },
      ]);
      const body = zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength) as ArrayBuffer;
      return HttpResponse.arrayBuffer(body, {
        headers: {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${encodeURIComponent(link.fileName)}"`,
        },
      });
    }),
  );
}
