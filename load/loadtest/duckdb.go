// Package loadtest holds test helpers for reading a reportetl dataset the
// way analysts' tools do: with real DuckDB (its node bindings) and arrow-rs
// (parquet-wasm), installed from npm into .ci/duckdb, so tests check what
// those readers see, not what we think they see.
package loadtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// Result is one query's output.
type Result struct {
	Columns []string         `json:"columns"`
	Types   []string         `json:"types"`
	Rows    []map[string]any `json:"rows"`
}

var (
	installOnce sync.Once
	installErr  error
)

// repoRoot finds the module root from this file's location.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// readers returns node and the folder holding the reader scripts, installing
// their npm packages (@duckdb/node-api, parquet-wasm, apache-arrow) into
// .ci/duckdb on first use (npm install, from the lock file) when one is
// missing. Without node or npm the test is skipped with the reason, except
// under CI=true, where a missing reader is a failure: CI must check interop.
func readers(t testing.TB, what string) (node, dir string) {
	t.Helper()
	dir = filepath.Join(repoRoot(), ".ci", "duckdb")
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable(t, what, "node is not installed: "+err.Error())
	}
	installOnce.Do(func() {
		missing := false
		for _, p := range []string{"@duckdb/node-api", "parquet-wasm", "apache-arrow"} {
			if _, err := os.Stat(filepath.Join(dir, "node_modules", p)); err != nil {
				missing = true
			}
		}
		if !missing {
			return
		}
		npm, err := exec.LookPath("npm")
		if err != nil {
			installErr = err
			return
		}
		// npm install (from the lock file), not npm ci: npm leaves the optional
		// platform packages out of the lock and npm ci then refuses to run.
		cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefix", dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			installErr = &exec.Error{Name: "npm install in " + dir + ": " + string(out), Err: err}
		}
	})
	if installErr != nil {
		unavailable(t, what, "cannot install the npm packages of "+dir+": "+installErr.Error())
	}
	return node, dir
}

// DuckDB returns a query function running SQL with real DuckDB (see readers
// for installation and skipping).
func DuckDB(t testing.TB) func(sql string) (*Result, error) {
	t.Helper()
	node, dir := readers(t, "DuckDB")
	script := filepath.Join(dir, "query.mjs")
	return func(sql string) (*Result, error) {
		var r Result
		if msg, err := runJSON(node, []string{script, sql}, &r); err != nil {
			return nil, &QueryError{SQL: sql, Msg: msg, Err: err}
		}
		return &r, nil
	}
}

// runJSON runs node with args and decodes what the script prints as JSON
// into v; when the script fails, msg is what it wrote to stderr.
func runJSON(node string, args []string, v any) (msg string, err error) {
	cmd := exec.Command(node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return stderr.String(), err
	}
	return "", json.Unmarshal(out, v)
}

// QueryError is a failed DuckDB query with DuckDB's message.
type QueryError struct {
	SQL, Msg string
	Err      error
}

func (e *QueryError) Error() string {
	if e.Msg == "" { // the query ran; its output did not decode
		return "duckdb: " + e.Err.Error() + " (query: " + e.SQL + ")"
	}
	return "duckdb: " + e.Msg + " (query: " + e.SQL + ")"
}

func unavailable(t testing.TB, what, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s interop check cannot run in CI: %s", what, why)
	}
	t.Skipf("%s interop check skipped: %s", what, why)
}

// ArrowFile is what arrow-rs read from one Parquet file: its rows, its
// columns in order, and its first row's values as strings (numbers as JSON
// numbers, timestamps in ISO 8601, nulls as nil).
type ArrowFile struct {
	Rows    int64          `json:"rows"`
	Columns []string       `json:"columns"`
	First   map[string]any `json:"first"`
}

// ArrowRs returns a function reading Parquet files with arrow-rs, the Rust
// parquet crate (DataFusion's, compiled to WebAssembly as parquet-wasm): a
// reader independent of the writer (pqarrow) and of parquet-go. See readers
// for installation and skipping.
func ArrowRs(t testing.TB) func(files ...string) (map[string]ArrowFile, error) {
	t.Helper()
	node, dir := readers(t, "arrow-rs")
	script := filepath.Join(dir, "arrowrs.mjs")
	return func(files ...string) (map[string]ArrowFile, error) {
		var r map[string]ArrowFile
		if msg, err := runJSON(node, append([]string{script}, files...), &r); err != nil {
			return nil, fmt.Errorf("arrow-rs: %s(%w)", msg, err)
		}
		return r, nil
	}
}
