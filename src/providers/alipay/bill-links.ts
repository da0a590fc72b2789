import type { IdSource } from '../../sandbox/ids.js';

/** How long a bill_download_url works, as the doc says: 30 seconds (of virtual time). */
export const BILL_LINK_TTL_MS = 30_000;

/** One bill download link handed out by bill.downloadurl.query. */
export interface BillLink {
  token: string;
  billType: string;
  /** `yyyy-MM-dd` (daily) or `yyyy-MM` (monthly). */
  billDate: string;
  issuedAt: number;
  /** The scenario whose clock decides expiry. */
  scenarioId?: string;
  url: string;
  /** The archive's file name, `<account>_<bizDates>.csv.zip`. */
  fileName: string;
}

/** The links handed out so far. */
export interface BillLinks {
  issue(input: { billType: string; billDate: string; issuedAt: number; scenarioId?: string }): BillLink;
  get(token: string): BillLink | undefined;
}

/** The bill account number: the seller id followed by `0156` (the CNY account suffix on real bills). */
export function billAccount(sellerId: string): string {
  return `${sellerId}0156`;
}

/** Creates the link store; URLs look like Alipay's dwbillcenter links but point at this sandbox. */
export function createBillLinks(options: { ids: IdSource; baseUrl: () => string; sellerId: string }): BillLinks {
  const links = new Map<string, BillLink>();
  return {
    issue(input) {
      const token = options.ids.alnum(32);
      const bizDates = input.billDate.replaceAll('-', '');
      const fileName = `${billAccount(options.sellerId)}_${bizDates}.csv.zip`;
      const query = new URLSearchParams({
        bizType: input.billType,
        userId: options.sellerId,
        fileType: 'csv.zip',
        bizDates,
        downloadFileName: fileName,
        fileId: `/${input.billType}/${options.sellerId}/${bizDates}`,
        timestamp: String(Math.floor(input.issuedAt / 1000)),
        token,
      });
      const link: BillLink = { ...input, token, fileName, url: `${options.baseUrl()}/downloadBillFile.resource?${query}` };
      links.set(token, link);
      return link;
    },
    get: (token) => links.get(token),
  };
}
