import path from 'node:path';
import type { PayprobeConfig } from '../config/schema.js';
import { shellWord } from './check-init-options.js';
import { ENV_FILE } from './render-env-file.js';

/** The three things to do after `payprobe init`, as sentences; commands run from `cwd`. */
export function nextSteps(input: { cwd: string; dir: string; config: PayprobeConfig; configName: string }): string[] {
  const relative = path.relative(input.cwd, input.dir);
  const prefix = relative ? `cd ${shellWord(relative)} && ` : '';
  const { start, baseUrl } = input.config.merchant;
  const first = start
    ? `Make your app read the PAYPROBE_* variables (see ${ENV_FILE}) and serve the hooks in ${input.configName}; payprobe starts it with \`${start.command}\`.`
    : `Start your app on ${baseUrl} with the variables in ${ENV_FILE}, serving the hooks in ${input.configName} (or set merchant.start and payprobe starts it).`;
  return [first, `${prefix}npx payprobe validate`, `${prefix}npx payprobe run`];
}
