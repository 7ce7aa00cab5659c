// Runs one SQL statement in an in-memory DuckDB (npm @duckdb/node-api) and prints its rows as JSON
// Lines, so bench/run.sh can time DuckDB's read_json_auto/read_csv_auto against iochound.
//
//   NODE_PATH=bench/out/node_modules node bench/duckdb_query.mjs 'SELECT ...'
import { createRequire } from "node:module";
import path from "node:path";

// bench/run.sh installs the package into bench/out, outside any package.json of the repo.
const require = createRequire(path.resolve(process.env.DUCKDB_MODULES ?? "bench/out/node_modules") + "/");
const { DuckDBInstance } = require("@duckdb/node-api");

const sql = process.argv[2];
if (!sql) {
  console.error("usage: node bench/duckdb_query.mjs SQL");
  process.exit(2);
}
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const out = [];
for (const row of reader.getRowObjectsJson()) out.push(JSON.stringify(row));
process.stdout.write(out.length ? out.join("\n") + "\n" : "");
