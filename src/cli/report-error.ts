import { ConfigError, MerchantError, PayprobeError, ProviderError, ScenarioError } from '../errors.js';
import { formatLocation } from '../util/yaml-source.js';

const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');

/** Prints an error for a person and returns the exit code it maps to (2 input, 3 could not run). */
export function reportError(error: unknown, write: (s: string) => void): number {
  if (error instanceof ConfigError || error instanceof ScenarioError) {
    write(`${error.message}\n${error.problems.length ? '\n' : ''}`);
    for (const p of error.problems) {
      write(`${p.location ? `${formatLocation(p.location)}  ` : ''}${p.message}\n`);
      if (p.frame) write(`${indent(p.frame)}\n`);
      write('\n');
    }
    return 2;
  }
  if (error instanceof MerchantError || error instanceof ProviderError) {
    write(`${error.message}\n`);
    return 3;
  }
  if (error instanceof PayprobeError) {
    write(`${error.message}\n`);
    return 3;
  }
  write(`payprobe crashed (a bug in payprobe; please report it with this output):\n${(error as Error)?.stack ?? String(error)}\n`);
  return 3;
}
