// Reads Parquet files with arrow-rs (the Rust parquet crate behind DataFusion
// and Polars' Arrow interop, compiled to WebAssembly as parquet-wasm) and
// prints, per file, its row count, column names and the first row's values
// as JSON. Used by reportetl's tests as a third reader independent of the
// writer (pqarrow) and of parquet-go.
// Usage: node arrowrs.mjs FILE...
import { readFileSync } from 'node:fs';
import initWasm, { readParquet } from 'parquet-wasm/esm';
import { tableFromIPC } from 'apache-arrow';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node arrowrs.mjs FILE...');
  process.exit(2);
}
await initWasm({ module_or_path: readFileSync(new URL('./node_modules/parquet-wasm/esm/parquet_wasm_bg.wasm', import.meta.url)) });
const out = {};
for (const f of files) {
  try {
    const t = tableFromIPC(readParquet(readFileSync(f)).intoIPCStream());
    const first = {};
    if (t.numRows > 0) {
      const row = t.get(0);
      for (const field of t.schema.fields) {
        const v = row[field.name];
        first[field.name] = v == null ? null : typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : String(v);
      }
    }
    out[f] = { rows: t.numRows, columns: t.schema.fields.map((x) => x.name), first };
  } catch (e) {
    console.error(`${f}: ${e.message || e}`);
    process.exit(1);
  }
}
console.log(JSON.stringify(out));
