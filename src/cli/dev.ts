import { main } from './main.js';

// Development entry: `npm run dev -- <args>` runs the CLI from source through tsx.
process.exitCode = await main(process.argv);
