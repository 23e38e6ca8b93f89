// npm run reform -- --repeal cp-458bis [--json|--csv]: what a reform would change (the graph is never written)
import { runReform } from '../server/cli/reform.ts';
import { createGraphStore } from '../server/store/createGraphStore.ts';

const store = await createGraphStore();
try {
  process.exitCode = await runReform(process.argv.slice(2), store, {
    out: (t) => console.log(t),
    err: (t) => console.error(t),
    ...(process.stderr.isTTY && { progress: (t: string) => void process.stderr.write(t) }),
  });
} finally {
  await store.close();
}
