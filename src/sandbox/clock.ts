/** A timer on a virtual clock. */
export interface ClockTimer {
  readonly at: number;
  readonly label: string;
  cancel(): void;
}

/** Scenario time: moves only when advanced (frozen) or with the wall clock plus advances (live). */
export interface VirtualClock {
  /** Current virtual time, ms since the epoch. */
  now(): number;
  /** Moves time forward by `ms`, running every timer that falls due, in time order. Returns how many ran. */
  advance(ms: number): Promise<number>;
  /** Runs `fn` when virtual time reaches `at`. */
  schedule(at: number, label: string, fn: () => Promise<void> | void): ClockTimer;
  /** Timers not yet run, earliest first. */
  pending(): ClockTimer[];
  /** Cancels every pending timer; the clock can still be read. */
  dispose(): void;
}

/** Options for {@link createVirtualClock}. */
export interface VirtualClockOptions {
  /** Virtual time at creation, ms since the epoch. Default: wall-clock now. */
  start?: number;
  /** In live mode time also flows with the wall clock and timers fire by themselves. */
  live?: boolean;
  /** Called when a live timer's callback throws; frozen clocks surface errors through `advance`. */
  onError?: (error: unknown) => void;
}

interface TimerRecord extends ClockTimer {
  fn: () => Promise<void> | void;
  done: boolean;
  handle?: NodeJS.Timeout;
}

/** Creates a virtual clock. Frozen by default, so a 24-hour retry schedule runs in milliseconds. */
export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  const live = options.live ?? false;
  const origin = options.start ?? Date.now();
  const wallOrigin = Date.now();
  let offset = 0;
  let timers: TimerRecord[] = [];
  let running: Promise<unknown> = Promise.resolve();

  const now = (): number => origin + offset + (live ? Date.now() - wallOrigin : 0);

  const arm = (timer: TimerRecord): void => {
    if (!live || timer.done) return;
    if (timer.handle) clearTimeout(timer.handle);
    const delay = Math.max(0, timer.at - now());
    timer.handle = setTimeout(() => {
      running = running.then(() => runDue()).catch((error) => options.onError?.(error));
    }, Math.min(delay, 2 ** 31 - 1));
    timer.handle.unref();
  };

  const runDue = async (): Promise<number> => {
    let ran = 0;
    for (;;) {
      const due = timers.filter((t) => !t.done && t.at <= now()).sort((a, b) => a.at - b.at)[0];
      if (!due) return ran;
      due.done = true;
      if (due.handle) clearTimeout(due.handle);
      timers = timers.filter((t) => t !== due);
      ran++;
      await due.fn();
    }
  };

  return {
    now,
    async advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`Cannot advance the clock by ${ms} ms.`);
      await running;
      // Step timer by timer so a callback scheduled during the advance sees the right "now".
      const target = now() + ms;
      let ran = 0;
      for (;;) {
        const next = timers.filter((t) => !t.done && t.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        if (next.at > now()) offset += next.at - now();
        ran += await runDue();
      }
      if (target > now()) offset += target - now();
      for (const t of timers) arm(t);
      return ran;
    },
    schedule(at, label, fn) {
      const timer: TimerRecord = {
        at,
        label,
        fn,
        done: false,
        cancel() {
          timer.done = true;
          if (timer.handle) clearTimeout(timer.handle);
          timers = timers.filter((t) => t !== timer);
        },
      };
      timers.push(timer);
      arm(timer);
      return timer;
    },
    pending: () => timers.filter((t) => !t.done).sort((a, b) => a.at - b.at),
    dispose() {
      for (const t of [...timers]) t.cancel();
    },
  };
}
