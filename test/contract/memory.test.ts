import { MemoryGraphStore } from '../../server/store/memory/MemoryGraphStore.ts';
import { graphStoreContract } from './graphStoreContract.ts';

graphStoreContract('memory', async (data) => new MemoryGraphStore(data));
