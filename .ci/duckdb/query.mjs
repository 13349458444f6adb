// Runs one SQL statement with DuckDB and prints the rows as JSON.
// Used by reportetl's tests to read the dataset the way analysts do.
// Usage: node query.mjs "select …"
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv[2];
if (!sql) {
  console.error('usage: node query.mjs "SQL"');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
try {
  const reader = await conn.runAndReadAll(sql);
  const cols = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  console.log(JSON.stringify({ columns: cols, types, rows: reader.getRowObjectsJson() }));
} catch (e) {
  console.error(String(e.message || e));
  process.exit(1);
}
