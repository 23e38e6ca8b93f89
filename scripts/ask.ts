// npm run ask -- --profession tms --recipient saj --fact child_maltreatment_situation=oui [--json]
import { runAsk } from '../server/cli/ask.ts';
import { createGraphStore } from '../server/store/createGraphStore.ts';

const store = await createGraphStore();
try {
  process.exitCode = await runAsk(process.argv.slice(2), store, { out: (t) => console.log(t), err: (t) => console.error(t) });
} finally {
  await store.close();
}
