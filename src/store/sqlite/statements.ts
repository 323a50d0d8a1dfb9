import type Database from 'better-sqlite3';

/** A prepared statement by its SQL text, prepared once per connection. */
export type Sql = (text: string) => Database.Statement;

export function statementCache(db: Database.Database): Sql {
  const cache = new Map<string, Database.Statement>();
  return (text) => {
    let stmt = cache.get(text);
    if (!stmt) cache.set(text, (stmt = db.prepare(text)));
    return stmt;
  };
}
