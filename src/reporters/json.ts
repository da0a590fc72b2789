import type { Reporter, RunResult, RunStartInfo } from '../runner/types.js';

/** Version of the JSON report's shape; bumped on incompatible changes. */
export const JSON_REPORT_SCHEMA_VERSION = 1;

/** The JSON reporter: the whole run as one JSON document, written at the end. */
export function createJsonReporter(options: { write: (text: string) => void | Promise<void> }): Reporter {
  let start: RunStartInfo | undefined;
  return {
    onRunStart(info) {
      start = info;
    },
    async onRunEnd(result: RunResult) {
      const report = {
        schemaVersion: JSON_REPORT_SCHEMA_VERSION,
        tool: 'payprobe',
        startedAt: start?.startedAt,
        merchantUrl: start?.merchantUrl,
        providers: start?.providers,
        ...result,
        durationMs: Math.round(result.durationMs),
      };
      await options.write(`${JSON.stringify(report, null, 2)}\n`);
    },
  };
}
