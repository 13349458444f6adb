// Package loadtest holds test helpers for reading a reportetl dataset the
// way analysts do: with real DuckDB (its node bindings, installed from npm
// into .ci/duckdb), so tests check what DuckDB sees, not what we think it sees.
package loadtest

import (
	"bytes"
	"encoding/json"
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

// DuckDB returns a query function, installing @duckdb/node-api into
// .ci/duckdb on first use (npm install, from the lock file) when it is missing.
// Without node or npm the test is skipped with the reason, except under
// CI=true, where a missing DuckDB is a failure: CI must check interop.
func DuckDB(t testing.TB) func(sql string) (*Result, error) {
	t.Helper()
	dir := filepath.Join(repoRoot(), ".ci", "duckdb")
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable(t, "node is not installed: "+err.Error())
	}
	installOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err == nil {
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
		unavailable(t, "cannot install @duckdb/node-api: "+installErr.Error())
	}
	script := filepath.Join(dir, "query.mjs")
	return func(sql string) (*Result, error) {
		cmd := exec.Command(node, script, sql)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, &QueryError{SQL: sql, Msg: stderr.String(), Err: err}
		}
		var r Result
		if err := json.Unmarshal(out, &r); err != nil {
			return nil, err
		}
		return &r, nil
	}
}

// QueryError is a failed DuckDB query with DuckDB's message.
type QueryError struct {
	SQL, Msg string
	Err      error
}

func (e *QueryError) Error() string { return "duckdb: " + e.Msg + " (query: " + e.SQL + ")" }

func unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("DuckDB interop check cannot run in CI: %s", why)
	}
	t.Skipf("DuckDB interop check skipped: %s", why)
}
