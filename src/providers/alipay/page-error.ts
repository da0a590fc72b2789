import type { AlipayFailure } from './codes.js';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The error page Alipay's cashier shows when a page.pay / wap.pay request is refused:
 * "调试错误，请回到请求来源地，重新发起请求。 错误代码 invalid-signature 错误原因: ...".
 */
export function renderPageError(failure: AlipayFailure): string {
  const shortCode = failure.subCode.replace(/^(isv|isp|aop)\./, '');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>支付宝 - 网上支付 安全快速！</title></head>
<body data-code="${escape(failure.code)}" data-sub-code="${escape(failure.subCode)}">
<h1>调试错误，请回到请求来源地，重新发起请求。</h1>
<p>错误代码 ${escape(shortCode)} 错误原因: ${escape(failure.subMsg)}</p>
<p><small>payprobe alipay sandbox: code ${escape(failure.code)}, sub_code ${escape(failure.subCode)}</small></p>
</body></html>`;
}
