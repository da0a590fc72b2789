// Wall time of the retry-schedule scenarios (Alipay's 25 h, WeChat Pay's 24 h 4 m) on the virtual
// clock, against the reference merchant. Run after `npm ci`: node bench/retry-schedule.mjs [runs]
import { runSuite } from '../dist/index.js';

const runs = Number(process.argv[2] ?? 10);
const times = new Map();
for (let i = 0; i < runs; i++) {
  const { result } = await runSuite({
    cwd: new URL('..', import.meta.url).pathname,
    configPath: 'fixtures/merchants/reference/payprobe.config.yaml',
    grep: /retry-schedule/,
    reporters: [],
  });
  for (const s of result.scenarios) {
    if (s.status !== 'passed') throw new Error(`${s.scenario.id} ${s.status}: ${s.reason}`);
    const list = times.get(s.scenario.id) ?? [];
    list.push(s.durationMs);
    times.set(s.scenario.id, list);
  }
}
for (const [id, list] of times) {
  const sorted = [...list].sort((a, b) => a - b);
  const mean = list.reduce((a, b) => a + b, 0) / list.length;
  console.log(`${id}: mean ${mean.toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms over ${list.length} runs`);
}
