import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** payprobe's JSON Schema of the config file, where this installation of payprobe keeps it (src/ under tsx, dist/ once built). */
export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/config.schema.json', import.meta.url));

/** The editor modeline that points a config in `dir` at payprobe's schema, by a path relative to `dir`. */
export function schemaModeline(dir: string, schemaFile: string = CONFIG_SCHEMA_FILE): string {
  const relative = path.relative(dir, schemaFile);
  // On Windows a schema on another drive has no relative path; a file URL still works.
  const target = path.isAbsolute(relative) ? pathToFileURL(schemaFile).href : encodeURI(relative.split(path.sep).join('/'));
  return `# yaml-language-server: $schema=${target}`;
}
