/** The env file init writes next to the config. */
export const ENV_FILE = '.env.payprobe';

// Single quotes keep a value literal for dotenv parsers and for `set -a; . ./.env.payprobe` alike.
const dotenvValue = (value: string): string => (/^[\w@%+=:,./-]*$/.test(value) ? value : value.includes("'") ? JSON.stringify(value) : `'${value}'`);

/** The text of `.env.payprobe`: a header saying where it comes from and how to regenerate it, then `KEY=value` lines. */
export function renderEnvFile(env: Record<string, string>, configFile: string): string {
  return [
    `# The PAYPROBE_* variables your app reads to reach the payprobe sandbox: URLs, ids and key paths.`,
    `# Generated from ${configFile} by \`payprobe init\`; after editing the config, regenerate it with`,
    `#   npx payprobe env > ${ENV_FILE}`,
    `# When payprobe starts your app (merchant.start) it passes these itself. The key paths are this machine's.`,
    ...Object.entries(env).map(([key, value]) => `${key}=${dotenvValue(value)}`),
    '',
  ].join('\n');
}
