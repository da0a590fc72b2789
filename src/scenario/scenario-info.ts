import type { Scenario } from './model.js';
import type { ScenarioInfo } from './result.js';

/** The read-only facts reporters get about a scenario. */
export function toScenarioInfo(s: Scenario): ScenarioInfo {
  return { id: s.id, file: s.file, name: s.name, provider: s.provider, category: s.category, tags: s.tags, catches: s.catches, summary: s.summary, hooks: s.hooks, location: s.location, steps: s.steps.length };
}
