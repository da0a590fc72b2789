import { createHash } from 'node:crypto';
import type { IdSource } from '../../sandbox/ids.js';

/** How long a download_url works: 5 minutes of virtual time, as the current merchant doc says (an older page said 30 s). */
export const BILL_LINK_TTL_MS = 5 * 60_000;

/** One bill file behind a download_url: its bytes are fixed when the link is issued, so the SHA1 handed out matches. */
export interface BillLink {
  token: string;
  /** `wechatpay.bill.trade` or `wechatpay.bill.fundflow`. */
  api: string;
  billDate: string;
  issuedAt: number;
  /** The scenario whose clock decides expiry. */
  scenarioId?: string;
  gzip: boolean;
  file: Buffer;
  url: string;
}

/** The links handed out so far. */
export interface BillLinks {
  /** Issues a link on `base` (default the sandbox's own URL). */
  issue(input: Omit<BillLink, 'token' | 'url'>, base?: string): BillLink;
  get(token: string): BillLink | undefined;
}

/** The SHA1 hex digest of a file, as hash_value carries it. */
export function sha1Hex(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Creates the link store; URLs are `<sandbox>/v3/billdownload/file?token=...`, as WeChat Pay's are on its own origin. */
export function createBillLinks(options: { ids: IdSource; baseUrl: () => string }): BillLinks {
  const links = new Map<string, BillLink>();
  return {
    issue(input, base) {
      const token = options.ids.alnum(48);
      const link: BillLink = { ...input, token, url: `${base ?? options.baseUrl()}/v3/billdownload/file?token=${token}` };
      links.set(token, link);
      return link;
    },
    get: (token) => links.get(token),
  };
}
