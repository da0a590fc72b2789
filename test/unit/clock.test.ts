import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createVirtualClock } from '../../src/sandbox/clock.ts';

test('a frozen clock does not move by itself', async () => {
  const clock = createVirtualClock({ start: 1_000 });
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(clock.now(), 1_000);
});

test('advancing runs due timers in time order, each seeing its own time', async () => {
  const clock = createVirtualClock({ start: 0 });
  const seen: [string, number][] = [];
  clock.schedule(240_000, 'b', () => void seen.push(['b', clock.now()]));
  clock.schedule(60_000, 'a', () => void seen.push(['a', clock.now()]));
  clock.schedule(3_600_000, 'late', () => void seen.push(['late', clock.now()]));
  const ran = await clock.advance(300_000);
  assert.equal(ran, 2);
  assert.deepEqual(seen, [['a', 60_000], ['b', 240_000]]);
  assert.equal(clock.now(), 300_000);
  assert.deepEqual(clock.pending().map((t) => t.label), ['late']);
});

test('a timer scheduled by a timer during an advance runs in the same advance if due', async () => {
  const clock = createVirtualClock({ start: 0 });
  const seen: number[] = [];
  const retry = (n: number) => {
    seen.push(clock.now());
    if (n < 3) clock.schedule(clock.now() + 600_000, `retry ${n + 1}`, () => retry(n + 1));
  };
  clock.schedule(0, 'first', () => retry(1));
  await clock.advance(86_400_000);
  assert.deepEqual(seen, [0, 600_000, 1_200_000]);
});

test('a 24-hour schedule runs without waiting 24 hours', async () => {
  const clock = createVirtualClock({ start: 0 });
  let fired = 0;
  for (let i = 1; i <= 15; i++) clock.schedule(i * 5_760_000, `t${i}`, () => void fired++);
  await clock.advance(24 * 3_600_000);
  assert.equal(fired, 15);
});

test('dispose cancels pending timers', async () => {
  const clock = createVirtualClock({ start: 0 });
  let fired = false;
  clock.schedule(10, 'x', () => void (fired = true));
  clock.dispose();
  await clock.advance(100);
  assert.equal(fired, false);
});

test('advancing by a negative amount is refused', async () => {
  await assert.rejects(createVirtualClock().advance(-1), /Cannot advance the clock by -1 ms/);
});
