import type Database from "better-sqlite3";

/*
 * Versioned migrations for the store's own bookkeeping. Record kinds get their tables from
 * `ensureKindTable` (additive: new indexed fields become new columns), so adding a kind or a
 * queryable field never needs a hand-written migration.
 */
const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: "record kinds registry",
    sql: `CREATE TABLE record_kinds (
            name TEXT PRIMARY KEY,
            table_name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
          )`,
  },
];

export function migrate(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
             version INTEGER PRIMARY KEY,
             description TEXT NOT NULL,
             applied_at TEXT NOT NULL
           )`);
  const applied = new Set(
    db
      .prepare("SELECT version FROM schema_migrations")
      .all()
      .map((row) => (row as { version: number }).version),
  );
  const apply = db.transaction((m: (typeof MIGRATIONS)[number]) => {
    db.exec(m.sql);
    db.prepare(
      "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
    ).run(m.version, m.description, new Date().toISOString());
  });
  for (const m of MIGRATIONS) if (!applied.has(m.version)) apply(m);
  return MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
}

export function tableNameFor(kindName: string): string {
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(kindName)) {
    throw new Error(`Record kind names must be alphanumeric: "${kindName}"`);
  }
  return `rec_${kindName}`;
}

export function columnNameFor(field: string): string {
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(field)) {
    throw new Error(`Indexed field names must be alphanumeric: "${field}"`);
  }
  return `ix_${field}`;
}

/**
 * Creates the kind's table, or adds columns for newly indexed fields (returned, so the caller can
 * fill them in from the records already there). Idempotent across instances.
 */
export function ensureKindTable(
  db: Database.Database,
  kindName: string,
  indexedFields: readonly string[],
): string[] {
  const table = tableNameFor(kindName);
  const added: string[] = [];
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
               id TEXT PRIMARY KEY,
               version INTEGER NOT NULL,
               data TEXT NOT NULL
             )`);
    db.prepare(
      "INSERT OR IGNORE INTO record_kinds (name, table_name, created_at) VALUES (?, ?, ?)",
    ).run(kindName, table, new Date().toISOString());
    const existing = new Set(
      db
        .prepare(`PRAGMA table_info(${table})`)
        .all()
        .map((c) => (c as { name: string }).name),
    );
    for (const field of indexedFields) {
      const column = columnNameFor(field);
      if (!existing.has(column)) {
        db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
        added.push(field);
      }
      db.exec(`CREATE INDEX IF NOT EXISTS ${table}_${column} ON ${table} (${column})`);
    }
  })();
  return added;
}
