import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/errors.ts';
import { initProject } from '../../src/scaffold/init-project.ts';
import { parseInitFlags } from '../../src/scaffold/parse-init-flags.ts';
import { yamlFlowMap, yamlScalar } from '../../src/scaffold/yaml-scalar.ts';
import { cli, ROOT } from './helpers.ts';

const KEY_DIR = '.payprobe/keys/alipay';
const PRIVATE_KEYS = ['app_private_key.pem', 'alipay_private_key.pem'];
const PUBLIC_KEYS = ['app_public_key.pem', 'alipay_public_key.pem'];
const WRITTEN = ['payprobe.config.yaml', '.env.payprobe', '.gitignore', 'scenarios/my-first-payment.yaml', ...[...PRIVATE_KEYS, ...PUBLIC_KEYS].map((k) => `${KEY_DIR}/${k}`)];

const made: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-init-'));
  made.push(dir);
  return dir;
};
const read = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8');
const snapshot = async (dir: string) => Object.fromEntries(await Promise.all(WRITTEN.map(async (f) => [f, await read(dir, f)] as const)));
const count = (text: string, line: string) => text.split('\n').filter((l) => l === line).length;

/** Runs the built CLI with stdin as given; fails instead of hanging if it waits for input. */
function run(args: string[], options: { cwd: string; stdin: 'pipe' | 'ignore' }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}bin/payprobe.js`, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: [options.stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`payprobe ${args.join(' ')} was still running after 30 s (waiting for input?)\n${stdout}${stderr}`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

before(() => {
  // bin/payprobe.js runs dist/: a stale build would test old code.
  assert.ok(existsSync(`${ROOT}dist/cli/init.js`) && existsSync(`${ROOT}dist/scaffold/init-project.js`), 'dist/ has no init command: run `npm run build` first.');
});

after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

test('init --yes in an empty folder writes a config that validates, sandbox keys, .gitignore, the env file and a first scenario', async () => {
  const dir = await tempDir();
  const init = await cli(['init', '--yes', '--providers', 'alipay', '--base-url', 'http://127.0.0.1:8080', '--start', 'node app.js'], { cwd: dir });
  assert.equal(init.code, 0, init.stderr);
  assert.equal(init.stderr, '');
  for (const file of WRITTEN) assert.ok(existsSync(path.join(dir, file)), `${file} was not written`);
  for (const line of ['created    payprobe.config.yaml', 'created    .payprobe/keys/alipay/', 'created    .gitignore', 'created    .env.payprobe', 'created    scenarios/my-first-payment.yaml']) {
    assert.ok(init.stdout.includes(`  ${line}`), `no "${line}" in:\n${init.stdout}`);
  }
  assert.match(init.stdout, /\nNext:\n {2}1\. Make your app read the PAYPROBE_\* variables \(see \.env\.payprobe\) and serve the hooks in payprobe\.config\.yaml; payprobe starts it with `node app\.js`\.\n {2}2\. npx payprobe validate\n {2}3\. npx payprobe run\n$/);

  const validate = await cli(['validate'], { cwd: dir });
  assert.equal(validate.code, 0, validate.stderr);
  assert.match(validate.stdout, /^payprobe\.config\.yaml and \d+ scenario files are valid\.\n$/);
  const own = await cli(['validate', 'scenarios/my-first-payment.yaml'], { cwd: dir });
  assert.equal(own.stdout, 'payprobe.config.yaml and 1 scenario file are valid.\n', own.stderr);

  const { config } = await loadConfig({ cwd: dir });
  assert.equal(config.merchant.baseUrl, 'http://127.0.0.1:8080');
  assert.deepEqual(config.merchant.start, { command: 'node app.js', ready: '/', timeout: '30s' });
  assert.deepEqual(config.merchant.hooks.checkout, {
    method: 'POST',
    path: '/orders',
    json: { provider: '${provider}', amount: '${amount}', subject: '${subject:-payprobe test order}', mode: '${mode:-precreate}' },
    capture: { orderId: '$.id', payUrl: '$.payUrl', qrCode: '$.qrCode' },
  });
  assert.deepEqual(config.merchant.hooks.status, { method: 'GET', path: '/orders/${orderId}', capture: { status: '$.status', fulfillments: '$.fulfillments', refunded: '$.refunded' } });
  assert.deepEqual(Object.keys(config.merchant.hooks), ['checkout', 'status', 'refund', 'close', 'sync', 'reconcile']);
  assert.deepEqual(config.merchant.callbacks, { alipay: '/notify/alipay' });
  assert.deepEqual(config.sandbox.ports, { alipay: 4101 });
  assert.deepEqual(config.scenarios, ['scenarios/*.yaml']);
  assert.equal((config.providers.alipay as { keys?: string } | undefined)?.keys, KEY_DIR);

  const configText = await read(dir, 'payprobe.config.yaml');
  const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(configText);
  assert.ok(modeline, `the first line is not a schema modeline: ${configText.split('\n')[0]}`);
  assert.equal(path.resolve(dir, decodeURI(modeline[1])), path.join(ROOT, 'schemas/config.schema.json'));
  assert.ok(existsSync(path.resolve(dir, decodeURI(modeline[1]))));

  for (const key of PRIVATE_KEYS) assert.equal((await stat(path.join(dir, KEY_DIR, key))).mode & 0o777, 0o600, `${key} is not 0600`);
  const gitignore = await read(dir, '.gitignore');
  assert.equal(count(gitignore, '.payprobe/'), 1);
  assert.equal(count(gitignore, '.env.payprobe'), 1);

  const env = await read(dir, '.env.payprobe');
  assert.match(env, /^# The PAYPROBE_\* variables your app reads/);
  assert.match(env, /^# {3}npx payprobe env > \.env\.payprobe$/m);
  assert.match(env, /^PAYPROBE_ALIPAY_GATEWAY=http:\/\/127\.0\.0\.1:4101\/gateway\.do$/m);
  assert.match(env, new RegExp(`^PAYPROBE_ALIPAY_APP_PRIVATE_KEY_PATH=${path.join(dir, KEY_DIR, 'app_private_key.pem').replace(/[.\\]/g, '\\$&')}$`, 'm'));
  for (const line of env.split('\n').filter((l) => l && !l.startsWith('#'))) assert.match(line, /^PAYPROBE_[A-Z_]+=\S+$/);

  const scenario = await read(dir, 'scenarios/my-first-payment.yaml');
  assert.match(scenario, /^# Catches: /);
  assert.deepEqual(
    parse(scenario).steps.map((s: Record<string, unknown>) => s.hook ?? s.buyer),
    ['checkout', 'status', 'pay', 'status'],
  );
});

test('init a second time changes nothing and exits 0; --force rewrites the config but keeps the keys', async () => {
  const dir = await tempDir();
  assert.equal((await cli(['init', '--yes', '--start', 'node app.js'], { cwd: dir })).code, 0);
  const first = await snapshot(dir);

  const again = await cli(['init', '--yes', '--start', 'node app.js'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await snapshot(dir), first);
  assert.match(again.stdout, /^ {2}kept {7}payprobe\.config\.yaml {13}\(exists; --force to overwrite\)$/m);
  assert.match(again.stdout, /^ {2}kept {7}\.payprobe\/keys\/alipay\/ {11}\(alipay sandbox keys exist; delete the folder to get new ones\)$/m);
  assert.match(again.stdout, /^Nothing changed: payprobe was already set up here\.$/m);

  const forced = await cli(['init', '--yes', '--force', '--base-url', 'http://127.0.0.1:9090'], { cwd: dir });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /^ {2}updated {4}payprobe\.config\.yaml /m);
  assert.match(forced.stdout, /^ {2}kept {7}\.payprobe\/keys\/alipay\/ /m);
  const after = await snapshot(dir);
  assert.notEqual(after['payprobe.config.yaml'], first['payprobe.config.yaml']);
  assert.match(after['payprobe.config.yaml'], /^ {2}baseUrl: http:\/\/127\.0\.0\.1:9090$/m);
  assert.doesNotMatch(after['payprobe.config.yaml'], /^ {2}start:/m);
  for (const key of [...PRIVATE_KEYS, ...PUBLIC_KEYS]) assert.equal(after[`${KEY_DIR}/${key}`], first[`${KEY_DIR}/${key}`], `${key} was regenerated`);
  assert.equal(after['.gitignore'], first['.gitignore']);
  assert.equal((await cli(['validate'], { cwd: dir })).code, 0);
});

test('without a terminal and without --yes, init takes the defaults and never waits for input', async () => {
  for (const stdin of ['pipe', 'ignore'] as const) {
    const dir = await tempDir();
    const init = await run(['init'], { cwd: dir, stdin });
    assert.equal(init.code, 0, init.stderr);
    const { config } = await loadConfig({ cwd: dir });
    assert.equal(config.merchant.baseUrl, 'http://127.0.0.1:3000');
    assert.equal(config.merchant.start, undefined);
    assert.deepEqual(Object.keys(config.providers).filter((id) => config.providers[id as 'alipay']), ['alipay', 'wechatpay', 'stripe', 'paypal']);
    assert.match(init.stdout, /^ {2}1\. Start your app on http:\/\/127\.0\.0\.1:3000 with the variables in \.env\.payprobe, serving the hooks in payprobe\.config\.yaml \(or set merchant\.start and payprobe starts it\)\.$/m);
  }
});

test('--dir writes into a folder it creates, and the next steps cd there', async () => {
  const cwd = await tempDir();
  const init = await cli(['init', '--yes', '--dir', 'shop/api'], { cwd });
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /^ {2}created {4}shop\/api\/payprobe\.config\.yaml /m);
  assert.match(init.stdout, /^ {2}2\. cd shop\/api && npx payprobe validate$/m);
  assert.equal((await cli(['validate'], { cwd: path.join(cwd, 'shop/api') })).code, 0);
  assert.deepEqual(await readdir(cwd), ['shop']);
});

test('invalid flags exit 2 with one sentence each, in flag order, and write nothing', async () => {
  const cwd = await tempDir();
  const init = await cli(
    ['init', '--yes', '--dir', 'app', '--callback', 'square=/webhooks/square', '--hook', 'checkout POST /orders', '--providers', 'alipya', '--base-url', 'localhost:3000'],
    { cwd },
  );
  assert.equal(init.code, 2);
  assert.equal(init.stdout, '');
  assert.equal(
    init.stderr,
    [
      '--providers alipya: payprobe has no "alipya" sandbox. Did you mean "alipay"? Choose from alipay, wechatpay, stripe, paypal.',
      '--base-url localhost:3000: "localhost:3000" is not an http(s) URL. Give the address your app listens on, such as http://127.0.0.1:3000.',
      `--hook 'checkout POST /orders': not name=METHOD /path. Write it like --hook "checkout=POST /orders".`,
      '--callback square=/webhooks/square: payprobe has no "square" sandbox. Choose from alipay, wechatpay, stripe, paypal.',
      '',
    ].join('\n'),
  );
  assert.deepEqual(await readdir(cwd), []);
});

const FLAG_CASES: { flags: Parameters<typeof parseInitFlags>[0]; problem: string }[] = [
  { flags: { providers: ['square'] }, problem: '--providers square: payprobe has no "square" sandbox. Choose from alipay, wechatpay, stripe, paypal.' },
  { flags: { baseUrl: 'ftp://127.0.0.1' }, problem: '--base-url ftp://127.0.0.1: "ftp://127.0.0.1" is not an http(s) URL. Give the address your app listens on, such as http://127.0.0.1:3000.' },
  { flags: { baseUrl: 'not a url' }, problem: `--base-url 'not a url': "not a url" is not a URL. Give the address your app listens on, such as http://127.0.0.1:3000.` },
  {
    flags: { baseUrl: 'http://127.0.0.1:${PORT}' },
    problem: `--base-url 'http://127.0.0.1:\${PORT}': \${PORT} lets payprobe pick the port, which works only when payprobe starts your app. Add --start "<command>", or give a fixed port.`,
  },
  { flags: { ready: '/healthz' }, problem: '--ready /healthz: it only matters with --start. Add --start "<command>", or drop --ready.' },
  { flags: { start: 'npm start', ready: 'healthz' }, problem: '--ready healthz: The ready path "healthz" must start with "/", like /healthz.' },
  { flags: { hook: ['checkout'] }, problem: '--hook checkout: not name=METHOD /path. Write it like --hook "checkout=POST /orders".' },
  { flags: { hook: ['checkout=POST'] }, problem: `--hook checkout=POST: "POST" is not METHOD /path. Write it like POST /orders.` },
  { flags: { hook: ['refund=FETCH /refunds'] }, problem: `--hook 'refund=FETCH /refunds': FETCH is not a method payprobe calls hooks with. Use one of GET, POST, PUT, PATCH, DELETE.` },
  { flags: { hook: ['close=POST close'] }, problem: `--hook 'close=POST close': The path "close" must start with "/". Write it like POST /close.` },
  {
    flags: { hook: ['chekout=POST /orders'] },
    problem: `--hook 'chekout=POST /orders': init sets up the hooks checkout, status, refund, close, sync, reconcile, not "chekout". Did you mean "checkout"? Add other hooks to the config by hand.`,
  },
  {
    flags: { hook: ['status=GET /orders/'] },
    problem: `--hook 'status=GET /orders/': The path has no \${orderId}, so your app cannot tell which order. Write it like GET /orders/\${orderId} (in single quotes on a command line, so the shell leaves \${orderId} alone).`,
  },
  { flags: { hook: ['sync=POST /a/${orderId}', 'sync=POST /b/${orderId}'] }, problem: '--hook sync is given twice. Give each hook once.' },
  { flags: { callback: ['alipay'] }, problem: '--callback alipay: not provider=path. Write it like --callback alipay=/notify/alipay.' },
  { flags: { callback: ['square=/webhooks/square'] }, problem: '--callback square=/webhooks/square: payprobe has no "square" sandbox. Choose from alipay, wechatpay, stripe, paypal.' },
  {
    flags: { callback: ['alipay=notify'] },
    problem: '--callback alipay=notify: "notify" is neither a path under the base URL (starting with "/") nor an absolute http(s) URL. Write it like /notify/alipay.',
  },
];

for (const { flags, problem } of FLAG_CASES) {
  test(`rejects ${JSON.stringify(flags)} with one sentence`, () => {
    assert.deepEqual(parseInitFlags(flags).problems, [problem]);
  });
}

test('accepts well-formed flags, lower-case methods and absolute callback URLs, and tells which answers they settle', () => {
  const parsed = parseInitFlags({
    dir: '.',
    providers: ['alipay', 'alipay'],
    baseUrl: 'http://127.0.0.1:${PORT}',
    start: 'npm start',
    ready: '/healthz',
    hook: ['checkout=post /api/orders', 'status=GET /api/orders/${orderId}'],
    callback: ['alipay=https://shop.test/notify/alipay'],
  });
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.answers, {
    dir: '.',
    providers: ['alipay'],
    baseUrl: 'http://127.0.0.1:${PORT}',
    start: { command: 'npm start', ready: '/healthz' },
    hooks: { checkout: { method: 'POST', path: '/api/orders' }, status: { method: 'GET', path: '/api/orders/${orderId}' } },
    callbacks: { alipay: 'https://shop.test/notify/alipay' },
    force: false,
  });
  assert.deepEqual(parsed.given, { dir: false, providers: true, baseUrl: true, start: true, ready: true, hooks: ['checkout', 'status'], callbacks: ['alipay'] });
});

test("the user's routes, a GET checkout and a ${PORT} base URL make a config that validates", async () => {
  const dir = await tempDir();
  await initProject({
    cwd: dir,
    baseUrl: 'http://127.0.0.1:${PORT}',
    start: { command: 'PORT=$PORT node "my app.js" # comment', ready: '/health: ok' },
    hooks: { checkout: { method: 'GET', path: '/checkout' }, refund: { method: 'PUT', path: '/o/${orderId}/refund' } },
    providers: ['alipay'],
    callbacks: { alipay: '/hooks/alipay-notify' },
  });
  const { config } = await loadConfig({ cwd: dir });
  assert.equal(config.merchant.baseUrl, 'http://127.0.0.1:${PORT}');
  assert.equal(config.merchant.start?.command, 'PORT=$PORT node "my app.js" # comment');
  assert.equal(config.merchant.start?.ready, '/health: ok');
  // A GET request has no body: checkout's fields travel in the query string.
  assert.deepEqual(config.merchant.hooks.checkout.query, { provider: '${provider}', amount: '${amount}', subject: '${subject:-payprobe test order}', mode: '${mode:-precreate}' });
  assert.equal(config.merchant.hooks.checkout.json, undefined);
  assert.deepEqual(config.merchant.hooks.refund, { method: 'PUT', path: '/o/${orderId}/refund', json: { amount: '${amount}', requestId: '${refundId}' }, capture: { refundStatus: '$.status', refunded: '$.refunded' } });
  assert.deepEqual(config.merchant.callbacks, { alipay: '/hooks/alipay-notify' });
  assert.equal((await cli(['validate'], { cwd: dir })).code, 0);
});

test('strings that YAML would misread are quoted, so each reads back as written', () => {
  const samples = ['node app.js', 'a: b', 'x #y', "it's", '"q"', 'true', 'no', '1', '0x1f', '1e3', '.5', '-x', '? x', '${PORT}', '/orders/${orderId}', 'a,b', '{x}', 'a:', 'trailing ', ' lead', 'new\nline', '~', 'null', '2021000000000001', '@x', '&a', '*a', '!a', '|', '>', '[x]', '.inf', '12:30'];
  for (const value of samples) {
    assert.equal(parse(`k: ${yamlScalar(value)}\n`).k, value, `block ${JSON.stringify(value)} → ${yamlScalar(value)}`);
    assert.equal(parse(`k: ${yamlFlowMap({ v: value })}\n`).k.v, value, `flow ${JSON.stringify(value)} → ${yamlFlowMap({ v: value })}`);
  }
});

test('.gitignore: appends the missing lines once to an existing file and leaves one that already ignores them', async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, '.gitignore'), 'node_modules');
  await initProject({ cwd: dir });
  await initProject({ cwd: dir });
  assert.equal(await read(dir, '.gitignore'), "node_modules\n\n# payprobe: generated sandbox keys, and the env file with this machine's key paths\n.payprobe/\n.env.payprobe\n");

  const other = await tempDir();
  await writeFile(path.join(other, '.gitignore'), '/.payprobe\n.env*\n');
  const result = await initProject({ cwd: other });
  assert.equal(await read(other, '.gitignore'), '/.payprobe\n.env*\n');
  assert.equal(result.files.find((f) => f.kind === 'gitignore')?.status, 'kept');
});

test('an existing config that is invalid stops init before anything is written, and says to fix it or use --force', async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'payprobe.config.yaml'), 'merchant:\n  baseUrl: http://127.0.0.1:3000\n  hookz: {}\nproviders:\n  alipay: {}\n');
  const init = await cli(['init', '--yes'], { cwd: dir });
  assert.equal(init.code, 2);
  assert.match(init.stderr, /^Cannot finish setting up from the existing payprobe\.config\.yaml: payprobe\.config\.yaml has 1 problem\. Fix it, or run `payprobe init --force` to replace it\.\n/);
  assert.match(init.stderr, /payprobe\.config\.yaml:3:3 {2}Unknown key "hookz" in merchant\. Did you mean "hooks"\?/);
  assert.deepEqual(await readdir(dir), ['payprobe.config.yaml']);
});

test('a kept config decides the keys and env file; init fills in only what is missing', async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'payprobe.config.yaml'), 'merchant:\n  baseUrl: http://127.0.0.1:3000\nproviders:\n  alipay: { keys: secrets/alipay }\nsandbox:\n  ports: { alipay: 4999 }\n');
  const result = await initProject({ cwd: dir, baseUrl: 'http://127.0.0.1:8080' });
  assert.deepEqual(
    result.files.map((f) => [f.kind, path.relative(dir, f.path), f.status]),
    [
      ['config', 'payprobe.config.yaml', 'kept'],
      ['keys', 'secrets/alipay', 'created'],
      ['gitignore', '.gitignore', 'created'],
      ['env', '.env.payprobe', 'created'],
      ['scenario', 'scenarios/my-first-payment.yaml', 'created'],
    ],
  );
  assert.equal(result.env.PAYPROBE_ALIPAY_GATEWAY, 'http://127.0.0.1:4999/gateway.do');
  assert.match(result.files[4].note, /not run yet: add scenarios\/\*\.yaml to scenarios in payprobe\.config\.yaml$/);
  assert.ok(existsSync(path.join(dir, 'secrets/alipay/app_private_key.pem')));
});

test('the library rejects invalid options with a ConfigError listing each, and writes nothing', async () => {
  const dir = await tempDir();
  await assert.rejects(
    initProject({ cwd: dir, dir: 'out', providers: [], baseUrl: 'mailto:x@y' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.message === 'Cannot set up payprobe: 2 options are invalid.' &&
      error.problems.map((p) => p.message).join('\n') ===
        '--providers: no provider chosen. Choose at least one of alipay, wechatpay, stripe, paypal.\n--base-url mailto:x@y: "mailto:x@y" is not an http(s) URL. Give the address your app listens on, such as http://127.0.0.1:3000.',
  );
  await writeFile(path.join(dir, 'file'), '');
  await assert.rejects(initProject({ cwd: dir, dir: 'file' }), /^ConfigError: Cannot set up payprobe in file: it is a file, not a folder\. Pass --dir with a folder \(it is created if missing\)\.$/);
  assert.deepEqual(await readdir(dir), ['file']);
});

/** A program running in a detached tmux session on a private server, driven like a person at a terminal. */
interface Terminal {
  screen(): string;
  /** Polls the screen until `pattern` shows (each prompt, the exit line), or fails with the screen. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Waits for a prompt, types `text` (if any) and presses Enter. */
  answer(prompt: RegExp, text?: string): Promise<void>;
  close(): Promise<void>;
}

const hasTmux = (): boolean => !spawnSync('tmux', ['-V']).error;

async function openTerminal(cwd: string, args: string[]): Promise<Terminal> {
  const home = await mkdtemp(path.join(tmpdir(), 'payprobe-tmux-'));
  const socket = path.join(home, 'sock');
  const tmux = (...a: string[]): string => {
    const r = spawnSync('tmux', ['-S', socket, ...a], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${a.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  const quoted = [process.execPath, `${ROOT}bin/payprobe.js`, ...args].map((w) => `'${w.replaceAll("'", `'\\''`)}'`).join(' ');
  tmux('new-session', '-d', '-s', 'init', '-x', '200', '-y', '50', '-c', cwd, `${quoted}; echo "EXIT=$?"; sleep 300`);
  const screen = () => tmux('capture-pane', '-p', '-t', 'init');
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(screen());
      if (match) return match;
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern} on the screen:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return {
    screen,
    waitFor,
    async answer(prompt, text) {
      await waitFor(prompt);
      if (text) tmux('send-keys', '-t', 'init', '-l', text);
      tmux('send-keys', '-t', 'init', 'Enter');
    },
    async close() {
      spawnSync('tmux', ['-S', socket, 'kill-server']);
      await rm(home, { recursive: true, force: true });
    },
  };
}

test('interactive init under a terminal asks, takes the answers, and writes a config that validates', { timeout: 120_000 }, async (t) => {
  if (!hasTmux()) {
    t.skip('tmux is not installed');
    return;
  }
  const dir = await tempDir();
  const term = await openTerminal(dir, ['init']);
  try {
    // Only the pending prompt starts with "?"; answered ones start with "✔".
    await term.answer(/^\? Folder to set up \(your project\):/m);
    await term.answer(/^\? Providers to simulate:/m);
    await term.answer(/^\? Where does your app listen \(base URL\)\?/m, 'http://127.0.0.1:8080');
    await term.answer(/^\? Command that starts your app \(empty: you start it yourself\):/m, 'node app.js');
    await term.answer(/^\? Path that answers 2xx once your app is ready:/m, '/healthz');
    await term.answer(/^\? checkout hook \(create an order and start paying\): \(POST \/orders\)/m, 'POST /api/orders');
    for (const hook of ['status', 'refund', 'close', 'sync', 'reconcile']) await term.answer(new RegExp(`^\\? ${hook} hook \\(`, 'm'));
    await term.answer(/^\? Path where Alipay posts its notifications to your app: \(\/notify\/alipay\)/m);
    await term.answer(/^\? Path where WeChat Pay posts its notifications to your app: \(\/notify\/wechatpay\)/m);
    await term.answer(/^\? Path where Stripe posts its notifications to your app: \(\/webhooks\/stripe\)/m);
    await term.answer(/^\? Path where PayPal posts its notifications to your app: \(\/webhooks\/paypal\)/m);
    const [, code] = await term.waitFor(/^EXIT=(\d+)$/m, 60_000);
    const final = term.screen().replace(/\n+$/, '');
    for (const line of ['final screen:', ...final.split('\n')]) t.diagnostic(line);
    assert.equal(code, '0', final);
    assert.match(final, /^ {2}created {4}payprobe\.config\.yaml /m);
  } finally {
    await term.close();
  }

  const { config } = await loadConfig({ cwd: dir });
  assert.equal(config.merchant.baseUrl, 'http://127.0.0.1:8080');
  assert.deepEqual(config.merchant.start, { command: 'node app.js', ready: '/healthz', timeout: '30s' });
  assert.equal(config.merchant.hooks.checkout.path, '/api/orders');
  assert.equal(config.merchant.hooks.status.path, '/orders/${orderId}');
  assert.deepEqual(config.merchant.callbacks, { alipay: '/notify/alipay', wechatpay: '/notify/wechatpay', stripe: '/webhooks/stripe', paypal: '/webhooks/paypal' });
  for (const key of PRIVATE_KEYS) assert.equal((await stat(path.join(dir, KEY_DIR, key))).mode & 0o777, 0o600);
  const validate = await cli(['validate'], { cwd: dir });
  assert.equal(validate.code, 0, validate.stderr);
});

test('interactive init in a folder that is set up offers to keep it, and keeping changes nothing', { timeout: 120_000 }, async (t) => {
  if (!hasTmux()) {
    t.skip('tmux is not installed');
    return;
  }
  const dir = await tempDir();
  assert.equal((await cli(['init', '--yes'], { cwd: dir })).code, 0);
  const before = await snapshot(dir);
  // --dir given: the folder prompt is skipped and the first question is about the existing files.
  const term = await openTerminal(dir, ['init', '--dir', dir]);
  try {
    await term.answer(/^\? payprobe\.config\.yaml, \.env\.payprobe, scenarios\/my-first-payment\.yaml exist there\. Replace with new answers\? \(No keeps them; keys are kept either way\) \(y\/N\)/m);
    const [, code] = await term.waitFor(/^EXIT=(\d+)$/m);
    assert.equal(code, '0', term.screen());
    assert.match(term.screen(), /^Nothing changed: payprobe was already set up here\.$/m);
  } finally {
    await term.close();
  }
  assert.deepEqual(await snapshot(dir), before);
});
