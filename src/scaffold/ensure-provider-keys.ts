import { ProviderError } from '../errors.js';
import type { ProviderDefinition } from '../providers/types.js';

/** Makes sure a provider's sandbox keys exist under `baseDir`, generating only what is missing; never replaces a key. */
export async function ensureProviderKeys(definition: ProviderDefinition<any, any>, config: unknown, baseDir: string): Promise<'created' | 'kept'> {
  try {
    await definition.loadKeys(config, { baseDir, create: false });
    return 'kept';
  } catch (error) {
    if (!(error instanceof ProviderError && error.code === 'KEYS_MISSING')) throw error;
  }
  await definition.loadKeys(config, { baseDir, create: true });
  return 'created';
}
