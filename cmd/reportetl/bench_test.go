package main

import (
	"context"
	"testing"

	"github.com/reportetl/reportetl/jobs/gen"
)

// A small bench: the floor and the per-stage figures work on a generated
// archive. The end-to-end part runs this binary as a child and is exercised
// by `reportetl bench` itself (see BENCHMARKS.md).
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 200 documents")
	}
	dir := t.TempDir()
	if _, err := gen.Generate(context.Background(), gen.Config{N: 200, Out: dir, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	files, err := listFiles(gen.ArchiveDir(dir))
	if err != nil || len(files) != 200 {
		t.Fatalf("listed %d files (%v), want 200", len(files), err)
	}
	for _, dec := range []bool{false, true} {
		if _, err := floor(files, 2, dec); err != nil {
			t.Fatalf("floor(decode=%v): %v", dec, err)
		}
	}
	st, err := stageBench(files)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range st.figs {
		names = append(names, f.name)
		if f.sec <= 0 {
			t.Errorf("stage %s: %v s", f.name, f.sec)
		}
	}
	if len(names) != 6 {
		t.Errorf("stages %v, want decode, clean, t2s, meta, facts, write", names)
	}
	if median([]float64{3, 1, 2}) != 2 || median([]float64{4, 1, 2, 3}) != 2.5 {
		t.Error("median is wrong")
	}
}
