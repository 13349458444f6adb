package jobs_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/transform/facts"
)

// contentTables are compared between snapshots: everything a reader of the
// dataset sees except the runs table (one row per run, so it always grows).
var contentTables = []string{"documents", "facts", "pages", "quality", "errors", "unit_year", "correlations"}

// volatile columns say which run extracted a row and when; a carried row
// keeps them, a full rebuild renews them.
var volatile = map[string]bool{"run_id": true, "extracted_at": true}

// logical reads every content table of the published snapshot in file and
// row order, each row as a string of its non-volatile columns.
func logical(t testing.TB, out string) map[string][]string {
	t.Helper()
	res := map[string][]string{}
	for _, table := range contentTables {
		rows := []string{}
		err := load.ReadTable(out, table, func(r load.Row) error {
			rows = append(rows, rowString(r))
			return nil
		})
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		res[table] = rows
	}
	return res
}

func rowString(r load.Row) string {
	keys := make([]string, 0, len(r))
	for k := range r {
		if !volatile[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%v|", k, r[k])
	}
	return b.String()
}

func diffLogical(t testing.TB, what string, got, want map[string][]string) {
	t.Helper()
	for _, table := range contentTables {
		g, w := got[table], want[table]
		if reflect.DeepEqual(g, w) {
			continue
		}
		t.Errorf("%s: table %s has %d rows, want %d", what, table, len(g), len(w))
		for i := 0; i < len(g) && i < len(w); i++ {
			if g[i] != w[i] {
				t.Errorf("  first difference at row %d:\n  got  %.300s\n  want %.300s", i, g[i], w[i])
				break
			}
		}
	}
}

func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func runOK(t testing.TB, cfg jobs.RunConfig) *jobs.Summary {
	t.Helper()
	sum, err := jobs.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// fullRun builds the dataset from scratch in a fresh output folder.
func fullRun(t testing.TB, in string) map[string][]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "clean")
	runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	return logical(t, out)
}

func runsTable(t testing.TB, out string) []load.Row {
	t.Helper()
	var rows []load.Row
	if err := load.ReadTable(out, "runs", func(r load.Row) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return rows
}

// The nightly contract: a second run over an unchanged archive processes
// nothing and publishes the same content in the same order; new, changed,
// removed and touched files are handled one by one, and the result always
// equals a full rebuild of the same archive.
func TestIncrementalRuns(t *testing.T) {
	in := t.TempDir()
	copyTree(t, "../testdata/corpus", in)
	out := filepath.Join(t.TempDir(), "out")

	first := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	if !first.Full || first.New != first.Seen || first.Docs != first.Seen {
		t.Fatalf("first run: %+v, want every document new and processed", first)
	}
	want := logical(t, out)
	if len(want["facts"]) == 0 {
		t.Fatal("no facts in the corpus run")
	}

	second := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	if second.Docs != 0 || second.Unchanged != first.Seen || second.Full {
		t.Errorf("second run over an unchanged archive: processed %d, unchanged %d of %d (full %v: %s)",
			second.Docs, second.Unchanged, first.Seen, second.Full, second.Why)
	}
	diffLogical(t, "unchanged rerun", logical(t, out), want)

	// One of each: changed content, new file, removed file, touched file.
	names, _ := filepath.Glob(filepath.Join(in, "*.txt"))
	sort.Strings(names)
	if len(names) < 4 {
		t.Fatalf("corpus has %d files", len(names))
	}
	b, _ := os.ReadFile(names[0])
	os.WriteFile(names[0], append(b, []byte("\n另外，我们还悬挂横幅120条。\n")...), 0o644)
	os.Remove(names[1])
	later := time.Now().Add(time.Hour)
	os.Chtimes(names[2], later, later)
	os.WriteFile(filepath.Join(in, "zz_新增_2020年城关镇扫黑除恶工作总结.txt"), []byte(report), 0o644)

	third := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	if third.New != 1 || third.Changed != 1 || third.Removed != 1 || third.Unchanged != first.Seen-2 || third.Docs != 2 {
		t.Errorf("after edits: new %d changed %d removed %d unchanged %d processed %d; want 1 1 1 %d 2",
			third.New, third.Changed, third.Removed, third.Unchanged, third.Docs, first.Seen-2)
	}
	diffLogical(t, "incremental after edits", logical(t, out), fullRun(t, in))

	runs := runsTable(t, out)
	if len(runs) != 3 {
		t.Fatalf("runs table has %d rows, want 3", len(runs))
	}
	for i, w := range [][4]int64{{int64(first.Seen), int64(first.Seen), 0, 0}, {int64(first.Seen), 0, 0, 0}, {int64(first.Seen), 1, 1, 1}} {
		r := runs[i]
		got := [4]int64{r.Int("docs_seen"), r.Int("docs_new"), r.Int("docs_changed"), r.Int("docs_removed")}
		if got != w || r.Str("status") != "ok" {
			t.Errorf("runs row %d: seen/new/changed/removed %v status %s, want %v ok", i, got, r.Str("status"), w)
		}
	}

	// --full rebuilds everything and publishes the same content.
	full := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out, Full: true})
	if !full.Full || full.Docs != full.Seen {
		t.Errorf("--full processed %d of %d", full.Docs, full.Seen)
	}
	diffLogical(t, "--full", logical(t, out), fullRun(t, in))
}

// A new rules file (or extractor version) re-extracts what it affects.
func TestRulesChangeReextracts(t *testing.T) {
	in := t.TempDir()
	copyTree(t, "../testdata/sample", in)
	out := filepath.Join(t.TempDir(), "out")
	first := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	rules := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(rules, append(facts.DefaultRules(), []byte("\n# an analyst's edit\n")...), 0o644)
	second := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out, RulesFile: rules})
	if second.Changed != first.Seen || second.Docs != first.Seen {
		t.Errorf("edited rules: changed %d processed %d, want %d", second.Changed, second.Docs, first.Seen)
	}
	third := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out, RulesFile: rules})
	if third.Docs != 0 {
		t.Errorf("same rules again: processed %d, want 0", third.Docs)
	}

	old := jobs.ExtractorVersions["txt"]
	jobs.ExtractorVersions["txt"] = old + "-test"
	defer func() { jobs.ExtractorVersions["txt"] = old }()
	fourth := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out, RulesFile: rules})
	if fourth.Docs != first.Seen {
		t.Errorf("new txt extractor version: processed %d, want %d", fourth.Docs, first.Seen)
	}
}

// An unchanged document that failed for a reason that does not depend on
// the moment keeps its error row and is not retried; exit code 0, because
// this run found no new failure. Changing it retries it.
func TestFailedDocumentsAreCarried(t *testing.T) {
	in := t.TempDir()
	junk := []byte{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x00, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f, 0x10}
	writeFiles(t, in, map[string][]byte{"good.txt": []byte(report), "junk.txt": junk})
	out := filepath.Join(t.TempDir(), "out")
	first := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	if first.Failed != 1 || jobs.ExitCode(first, nil) != jobs.ExitPartial {
		t.Fatalf("first run: failed %d", first.Failed)
	}
	errorsOf := func() []string {
		var s []string
		load.ReadTable(out, "errors", func(r load.Row) error { s = append(s, r.Str("source")+":"+r.Str("class")); return nil })
		return s
	}
	second := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	if second.Docs != 0 || second.Failed != 0 || second.CarriedFailed != 1 || jobs.ExitCode(second, nil) != jobs.ExitOK {
		t.Errorf("second run: processed %d failed %d carried %d exit %d", second.Docs, second.Failed, second.CarriedFailed, jobs.ExitCode(second, nil))
	}
	if got := errorsOf(); !reflect.DeepEqual(got, []string{"junk.txt:encoding"}) {
		t.Errorf("errors after carrying: %v", got)
	}
	writeFiles(t, in, map[string][]byte{"junk.txt": []byte(report)})
	third := runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	if third.Changed != 1 || third.Failed != 0 {
		t.Errorf("fixed file: changed %d failed %d", third.Changed, third.Failed)
	}
	if got := errorsOf(); len(got) != 0 {
		t.Errorf("errors after the fix: %v", got)
	}
}

// --dry-run says what would happen and writes nothing.
func TestDryRun(t *testing.T) {
	in := t.TempDir()
	copyTree(t, "../testdata/sample", in)
	out := filepath.Join(t.TempDir(), "out")
	plan, _, err := jobs.DryRun(jobs.RunConfig{Inputs: []string{in}, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if !plan.Full || plan.New != 14 {
		t.Errorf("dry run before any run: full %v new %d", plan.Full, plan.New)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("dry run created %s", out)
	}
	runOK(t, jobs.RunConfig{Inputs: []string{in}, Out: out})
	names, _ := filepath.Glob(filepath.Join(in, "*.txt"))
	sort.Strings(names)
	os.Remove(names[0])
	before, _ := os.ReadDir(filepath.Join(out, ".snapshots"))
	plan, _, err = jobs.DryRun(jobs.RunConfig{Inputs: []string{in}, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Full || plan.New != 0 || plan.Changed != 0 || len(plan.Removed) != 1 || plan.Unchanged != 13 {
		t.Errorf("dry run after a removal: full %v (%s) new %d changed %d removed %d unchanged %d", plan.Full, plan.Why, plan.New, plan.Changed, len(plan.Removed), plan.Unchanged)
	}
	after, _ := os.ReadDir(filepath.Join(out, ".snapshots"))
	if len(before) != len(after) {
		t.Error("dry run published a snapshot")
	}
}

// The manifest's fast entry decoder agrees with encoding/json, and names
// that need escaping round-trip through the slow path.
func TestManifestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	m := &jobs.Manifest{Header: jobs.ManifestHeader{Format: "reportetl-manifest/1", RunID: "r", Extractors: map[string]string{"txt": "1"}}}
	m.Entries = []jobs.ManifestEntry{
		{Source: "a/城关镇.txt", Size: 12, MTime: 1795314061058757355, SHA256: "ab12", Format: "txt", Status: "ok"},
		{Source: "b/junk.txt", Size: 0, MTime: -5, Format: "txt", Status: "failed", Class: "no_text"},
		{Source: "c/quote\"tab\tnl\n<&>\\.txt", Size: 3, MTime: 7, SHA256: "cd", Format: "pdf", Status: "ok"},
		{Source: "d/\xff\xfe.txt", Size: 1, MTime: 1, Format: "txt", Status: "failed", Class: "encoding"},
	}
	if err := jobs.WriteManifest(dir, m); err != nil {
		t.Fatal(err)
	}
	got, err := jobs.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.Entries[3].Source = "d/\ufffd\ufffd.txt" // JSON cannot hold invalid UTF-8
	if !reflect.DeepEqual(got.Entries, m.Entries) || got.Header.RunID != "r" {
		t.Errorf("round trip:\n%+v\nwant\n%+v", got.Entries, m.Entries)
	}
}
