package jobs_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/load/loadtest"
)

// runSample runs the pipeline over the bundled sample into a temp dir.
func runSample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	sum, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{"../testdata/sample"}, Out: out})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if sum.Failed != 0 || sum.Docs != 14 {
		t.Fatalf("sample run: %d docs, %d failed, errors %v", sum.Docs, sum.Failed, sum.Errors)
	}
	return out
}

// TestDuckDBReadsEveryTable checks what DuckDB sees: the column types
// DESIGN.md names, Hive partitions, key-value metadata, no negative null
// counts, and the same row counts parquet-go reads.
func TestDuckDBReadsEveryTable(t *testing.T) {
	query := loadtest.DuckDB(t)
	out := runSample(t)
	want := map[string]map[string]string{
		"documents": {"doc_id": "VARCHAR", "report_date": "DATE", "year": "INTEGER", "n_chars": "BIGINT",
			"n_pages": "INTEGER", "extracted_at": "TIMESTAMP WITH TIME ZONE", "unit_name": "VARCHAR", "status": "VARCHAR"},
		"facts": {"metric": "VARCHAR", "value": "DOUBLE", "year": "INTEGER", "page": "INTEGER", "char_start": "BIGINT",
			"char_end": "BIGINT", "evidence": "VARCHAR", "rule": "VARCHAR", "qualifier": "VARCHAR"},
		"pages":  {"page": "INTEGER", "text": "VARCHAR", "n_chars": "BIGINT", "quality": "VARCHAR"},
		"errors": {"run_id": "VARCHAR", "class": "VARCHAR", "message": "VARCHAR"},
		"runs":   {"started_at": "TIMESTAMP WITH TIME ZONE", "finished_at": "TIMESTAMP WITH TIME ZONE", "docs_seen": "BIGINT", "status": "VARCHAR"},
	}
	for table, cols := range want {
		glob := filepath.Join(out, table, "*.parquet")
		if load.Partitioned[table] {
			glob = filepath.Join(out, table, "**", "*.parquet")
		}
		src := "read_parquet('" + glob + "', hive_partitioning = true)"
		// Types as stored (DuckDB types a Hive partition column BIGINT
		// when it reads the folder names; the files store INT32).
		r, err := query("describe select * from read_parquet('" + glob + "', hive_partitioning = false)")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, row := range r.Rows {
			got[row["column_name"].(string)] = row["column_type"].(string)
		}
		for c, typ := range cols {
			if got[c] != typ {
				t.Errorf("%s.%s: DuckDB type %q, want %q", table, c, got[c], typ)
			}
		}
		neg, err := query("select path_in_schema, stats_null_count from parquet_metadata('" + glob + "') where stats_null_count < 0")
		if err != nil {
			t.Fatal(err)
		}
		if len(neg.Rows) > 0 {
			t.Errorf("%s: negative null counts in statistics: %v", table, neg.Rows)
		}
		kv, err := query("select distinct decode(key) k, decode(value) v from parquet_kv_metadata('" + glob + "') where decode(key) like 'reportetl.%'")
		if err != nil {
			t.Fatal(err)
		}
		keys := map[string]bool{}
		for _, row := range kv.Rows {
			keys[row["k"].(string)] = true
		}
		if !keys["reportetl.schema_version"] || !keys["reportetl.run_id"] || len(kv.Rows) != 2 {
			t.Errorf("%s: key-value metadata %v, want one schema_version and one run_id", table, kv.Rows)
		}
		n, err := query("select count(*) n from " + src)
		if err != nil {
			t.Fatal(err)
		}
		var pq int
		if err := load.ReadTable(out, table, func(load.Row) error { pq++; return nil }); err != nil {
			t.Fatal(err)
		}
		if n.Rows[0]["n"].(string) != itoa(pq) {
			t.Errorf("%s: DuckDB counts %v rows, parquet-go %d", table, n.Rows[0]["n"], pq)
		}
	}
	// Partitioned tables expose year through the folder names too.
	for _, table := range []string{"documents", "facts", "pages"} {
		r, err := query("select count(*) n from read_parquet('" + filepath.Join(out, table, "**", "*.parquet") + "', hive_partitioning = true) where year is not null")
		if err != nil {
			t.Fatal(err)
		}
		if r.Rows[0]["n"] == "0" {
			t.Errorf("%s: no rows with a year through hive partitioning", table)
		}
	}
	// Hive partition and column agree: facts of year=2020 say year 2020.
	r, err := query("select count(*) n from read_parquet('" + filepath.Join(out, "facts/**/*.parquet") + "', hive_partitioning = true, filename = true) where filename not like '%year=' || year || '/%'")
	if err != nil {
		t.Fatal(err)
	}
	if r.Rows[0]["n"] != "0" {
		t.Errorf("%v facts sit in a partition that differs from their year column", r.Rows[0]["n"])
	}
}

// TestArrowRsReadsEveryTable reads every part file of the sample's snapshot
// with arrow-rs, a third Parquet implementation (the writer is arrow-go's
// pqarrow, the read-back parquet-go): the same rows and columns as
// parquet-go, and the same first-row strings. The page text is among them,
// so each table's version 2 data pages are decompressed and decoded.
func TestArrowRsReadsEveryTable(t *testing.T) {
	read := loadtest.ArrowRs(t)
	out := runSample(t)
	var files []string
	for _, table := range load.Tables {
		fs, err := load.TableFiles(out, table)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) == 0 {
			t.Fatalf("%s: no part files", table)
		}
		files = append(files, fs...)
	}
	got, err := read(files...)
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("first row read")
	texts := 0
	for _, f := range files {
		a, ok := got[f]
		if !ok {
			t.Errorf("%s: arrow-rs returned nothing", f)
			continue
		}
		info, err := load.Describe(f)
		if err != nil {
			t.Fatal(err)
		}
		if a.Rows != info.Rows {
			t.Errorf("%s: arrow-rs reads %d rows, parquet-go %d", f, a.Rows, info.Rows)
		}
		var cols []string
		for _, c := range info.Columns {
			cols = append(cols, c.Name)
		}
		if strings.Join(a.Columns, ",") != strings.Join(cols, ",") {
			t.Errorf("%s: arrow-rs columns %v, parquet-go %v", f, a.Columns, cols)
		}
		var first load.Row
		if err := load.ReadFile(f, func(r load.Row) error { first = r; return stop }); err != nil && !errors.Is(err, stop) {
			t.Fatal(err)
		}
		for c, v := range first {
			if s, ok := v.(string); ok {
				if a.First[c] != s {
					t.Errorf("%s: first row's %s: arrow-rs %q, parquet-go %q", f, c, a.First[c], s)
				}
				if c == "text" && s != "" {
					texts++
				}
			}
		}
	}
	if texts == 0 {
		t.Error("no page text compared: the pages table's first rows are empty")
	}
}

// TestREADMEQueries runs every SQL block of the README against the sample
// output: the queries we tell analysts to run must work.
func TestREADMEQueries(t *testing.T) {
	query := loadtest.DuckDB(t)
	out := runSample(t)
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)<!-- query: ([^>]*) -->\\s*```sql\\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 3 {
		t.Fatalf("README has %d tested queries, want at least 3", len(blocks))
	}
	for _, b := range blocks {
		sql := strings.ReplaceAll(b[2], "'out/", "'"+out+"/")
		r, err := query(strings.TrimSuffix(strings.TrimSpace(sql), ";"))
		if err != nil {
			t.Errorf("README query %q: %v", b[1], err)
			continue
		}
		if len(r.Rows) == 0 {
			t.Errorf("README query %q returned no rows on the sample", b[1])
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
