import { Chalk, type ChalkInstance } from 'chalk';

/** Chooses colour for a stream: NO_COLOR wins, then FORCE_COLOR, then whether the stream is a terminal. */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): ChalkInstance {
  if (env.NO_COLOR) return new Chalk({ level: 0 });
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    const level = force === 'false' || force === '0' ? 0 : force === '2' ? 2 : force === '3' ? 3 : 1;
    return new Chalk({ level });
  }
  return new Chalk({ level: stream.isTTY ? 1 : 0 });
}
