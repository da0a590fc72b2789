/** Tracks which scenarios are talking to the merchant right now, to attribute the merchant's calls. */
export interface Attribution {
  /** Marks `scenarioId` as driving the merchant (a hook call is in flight); returns the function that ends it. */
  begin(scenarioId: string): () => void;
  /** The one scenario driving the merchant now, or undefined if none or several (then attribution waits for a claim). */
  current(): string | undefined;
}

/** Creates an attribution tracker. */
export function createAttribution(): Attribution {
  const active = new Map<string, number>();
  return {
    begin(scenarioId) {
      active.set(scenarioId, (active.get(scenarioId) ?? 0) + 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        const n = (active.get(scenarioId) ?? 1) - 1;
        if (n <= 0) active.delete(scenarioId);
        else active.set(scenarioId, n);
      };
    },
    current: () => (active.size === 1 ? [...active.keys()][0] : undefined),
  };
}
