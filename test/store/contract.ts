import { test, type TestContext } from 'node:test';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { DigestStore } from '../../src/store/types.ts';
import { freshSchema, testPostgres } from './pg-database.ts';
import { tempDb } from './temp-db.ts';

/** One empty store, and a way to open the same data again as another connection (or process) would. */
interface Opened {
  store: DigestStore;
  reopen(): Promise<DigestStore>;
  cleanup(): Promise<void>;
}

const KINDS: { name: string; open(t: TestContext): Promise<Opened | undefined> }[] = [
  {
    name: 'sqlite',
    async open() {
      const db = tempDb();
      return { store: SqliteStore.open(db.path), reopen: async () => SqliteStore.open(db.path), cleanup: async () => db.cleanup() };
    },
  },
  {
    name: 'postgres',
    async open(t) {
      const server = await testPostgres();
      if ('skip' in server) {
        t.skip(server.skip);
        return undefined;
      }
      const schema = await freshSchema(server.url);
      return { store: await PgStore.open(schema.url), reopen: () => PgStore.open(schema.url), cleanup: schema.drop };
    },
  },
];

/**
 * The store contract: `run` once against each store, each time on an empty database. Every
 * store opened through `reopen` is closed afterwards too.
 */
export function storeTest(name: string, run: (store: DigestStore, reopen: () => Promise<DigestStore>) => Promise<void>): void {
  for (const kind of KINDS) {
    test(`${kind.name}: ${name}`, async (t) => {
      const opened = await kind.open(t);
      if (!opened) return;
      const stores = [opened.store];
      try {
        await run(opened.store, async () => {
          const store = await opened.reopen();
          stores.push(store);
          return store;
        });
      } finally {
        for (const store of stores) await store.close();
        await opened.cleanup();
      }
    });
  }
}
