import { getProvider } from '../providers/registry.js';

/** Where init writes the user's first scenario, relative to the config file (matched by SCENARIOS_GLOB). */
export const EXAMPLE_SCENARIO_FILE = 'scenarios/my-first-payment.yaml';

/** The text of the user's first scenario for `provider`: check out, pay, and see the order paid and fulfilled once. */
export function renderExampleScenario(provider: string): string {
  const definition = getProvider(provider);
  const title = definition?.title ?? provider;
  // The buyer's paying action: `pay` where the provider has one (PayPal's buyer approves instead).
  const pay = !definition || definition.buyerActions.includes('pay') ? 'pay' : definition.buyerActions[0];
  return [
    `# Catches: an order that is not marked paid when the buyer pays and ${title}'s notify arrives, or that is`,
    '# fulfilled more than once: the happy path every other scenario builds on.',
    '#',
    "# This scenario is yours: `npx payprobe run` runs it after payprobe's built-in suite. Edit it, or copy it",
    "# next to it for your own cases (the format is in payprobe's README, \"Scenarios\").",
    'name: my first payment is marked paid and fulfilled once',
    `provider: ${provider}`,
    'category: payment',
    'tags: [mine]',
    'steps:',
    '  - hook: checkout            # your checkout hook creates the order',
    '    with: { amount: "88.00" }',
    '  - hook: status              # not paid yet, nothing shipped',
    '    expect: { status: pending, values: { fulfillments: 0 } }',
    `  - buyer: ${pay.padEnd(19)}# the buyer pays; the sandbox sends ${title}'s notify to your callback`,
    '    expect: { ack: accepted }',
    '  - hook: status              # paid, and fulfilled exactly once',
    '    expect: { status: paid, values: { fulfillments: 1 } }',
    '',
  ].join('\n');
}
