import { getProvider } from '../providers/registry.js';
import { ENV_FILE } from './render-env-file.js';
import type { HookRoute } from './init-options.js';
import { SCAFFOLD_HOOKS } from './scaffold-hooks.js';
import { yamlFlowMap, yamlScalar } from './yaml-scalar.js';

/** Everything {@link renderConfig} needs, every default already applied. */
export interface ConfigDraft {
  /** The `# yaml-language-server: $schema=...` first line. */
  modeline: string;
  providers: string[];
  baseUrl: string;
  start?: { command: string; ready: string };
  /** A route for every hook in SCAFFOLD_HOOKS. */
  hooks: Record<string, HookRoute>;
  /** A callback path (or URL) for every provider. */
  callbacks: Record<string, string>;
}

/** The glob of the user's own scenarios, relative to the config file. */
export const SCENARIOS_GLOB = 'scenarios/*.yaml';

// Fields of a provider's config section that init writes out, so the user sees where they are set.
const SHOWN_PROVIDER_FIELDS: Record<string, string> = {
  appId: 'the app id your requests carry',
  keys: 'sandbox keys payprobe generated; git-ignored, never real ones',
};

const providerLines = (id: string): string[] => {
  const definition = getProvider(id)!;
  const defaults = definition.configSchema.safeParse({});
  const lines = [`  # The ${definition.title} sandbox. Your app reads its URL, ids and key paths from PAYPROBE_${id.toUpperCase()}_* (see ${ENV_FILE}).`];
  const fields = Object.entries(defaults.success ? (defaults.data as Record<string, unknown>) : {}).filter(
    (entry): entry is [string, string] => Object.hasOwn(SHOWN_PROVIDER_FIELDS, entry[0]) && typeof entry[1] === 'string',
  );
  if (!fields.length) return [...lines, `  ${id}: {}`];
  lines.push(`  ${id}:`);
  for (const [key, value] of fields) lines.push(`    ${key}: ${yamlScalar(value)}  # ${SHOWN_PROVIDER_FIELDS[key]}`);
  return lines;
};

const hookLines = (hook: (typeof SCAFFOLD_HOOKS)[number], route: HookRoute): string[] => {
  const lines = [`    # ${hook.purpose[0].toUpperCase()}${hook.purpose.slice(1)}.`, `    ${hook.name}:`, `      method: ${route.method}`, `      path: ${yamlScalar(route.path)}`];
  // A GET request carries no body, so its fields travel in the query string.
  if (hook.body) lines.push(`      ${route.method === 'GET' ? 'query' : 'json'}: ${yamlFlowMap(hook.body)}`);
  if (hook.capture) lines.push(`      capture: ${yamlFlowMap(hook.capture)}`);
  return lines;
};

/** The text of a new `payprobe.config.yaml`: commented, valid as written, for the user to edit. */
export function renderConfig(draft: ConfigDraft): string {
  const lines: string[] = [
    draft.modeline,
    `# payprobe config, written by \`payprobe init\`: how payprobe reaches your app and which provider sandboxes it runs.`,
    `# Every key is explained in payprobe's README ("The config file"). Check your edits with \`npx payprobe validate\`.`,
    'merchant:',
    '  # Where your app listens while payprobe tests it.',
    `  baseUrl: ${yamlScalar(draft.baseUrl)}`,
  ];
  if (draft.start) {
    lines.push(
      `  # payprobe starts your app with the PAYPROBE_* variables (those in ${ENV_FILE}) and stops it afterwards.`,
      '  start:',
      `    command: ${yamlScalar(draft.start.command)}`,
      `    ready: ${yamlScalar(draft.start.ready)}  # polled until it answers 2xx`,
    );
  } else {
    lines.push(`  # You start your app yourself, with the variables in ${ENV_FILE}. To have payprobe start it, add`, '  # start: { command: npm start, ready: /healthz }');
  }
  lines.push(
    '  # Hooks: small HTTP endpoints of your app (in a test build, or behind a flag) that payprobe calls as a',
    '  # shopper and your back office would. ${...} values are filled in by the scenarios; capture takes values',
    "  # from your JSON answer ($.field). Edit paths, bodies and captures to match your app.",
    '  hooks:',
  );
  for (const hook of SCAFFOLD_HOOKS) lines.push(...hookLines(hook, draft.hooks[hook.name] ?? hook.route));
  lines.push(
    "  # Your app's status values (what the status hook answers) for payprobe's canonical ones. A starting",
    '  # point: change the right-hand sides to your values; a list is fine, e.g. paid: [PAID, SETTLED].',
    '  statuses:',
    '    pending: PENDING',
    '    paid: PAID',
    '    closed: CLOSED',
    '    refunded: REFUNDED',
    '    partially_refunded: PARTIALLY_REFUNDED',
    '    failed: FAILED',
    "  # Where each provider sends its notifications (a path under baseUrl, or an absolute URL), when your",
    '  # request to the provider names no notify URL of its own.',
    '  callbacks:',
  );
  for (const id of draft.providers) lines.push(`    ${id}: ${yamlScalar(draft.callbacks[id])}`);
  lines.push('providers:');
  for (const id of draft.providers) lines.push(...providerLines(id));
  lines.push(
    'sandbox:',
    `  # Fixed ports, so the URLs in ${ENV_FILE} stay right from one run to the next.`,
    `  ports: { ${draft.providers.map((id) => `${id}: ${getProvider(id)!.defaultPort}`).join(', ')} }`,
    '# Your own scenarios, relative to this file. The built-in suite of the providers above runs too.',
    `scenarios: [${SCENARIOS_GLOB}]`,
    '',
  );
  return lines.join('\n');
}
