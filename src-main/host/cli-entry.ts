// Entry of the `plantbridge` command (bin/plantbridge.js).
import { main } from './cli.js';

await main(process.argv);
