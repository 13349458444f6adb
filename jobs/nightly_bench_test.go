package jobs_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/jobs/gen"
)

// BenchmarkNoChangeRun measures the nightly run over an archive where
// nothing changed: list, stat, compare with the manifest, link the previous
// partitions, publish. By default it generates 2,000 documents; for the
// 100,000-document target (≤ 2 s on 2 cores) point it at a generated archive:
//
//	go run ./cmd/reportetl gen --n 100000 --out /tmp/arch100k
//	REPORTETL_BENCH_ARCHIVE=/tmp/arch100k/archive go test ./jobs -run '^$' -bench NoChangeRun -benchtime 3x
//
// The first, full run is not timed; it takes minutes at 100,000, so
// REPORTETL_BENCH_OUT=DIR reuses a dataset already built from the archive.
func BenchmarkNoChangeRun(b *testing.B) {
	in := os.Getenv("REPORTETL_BENCH_ARCHIVE")
	if in == "" {
		dir := b.TempDir()
		if _, err := gen.Generate(context.Background(), gen.Config{N: 2000, Out: dir, Seed: 1}, nil); err != nil {
			b.Fatal(err)
		}
		in = gen.ArchiveDir(dir)
	}
	out := os.Getenv("REPORTETL_BENCH_OUT") // reuse a dataset built from the archive
	if out == "" {
		out = filepath.Join(b.TempDir(), "out")
	}
	if _, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var seen int
	for b.Loop() {
		sum, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{in}, Out: out})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Docs != 0 {
			b.Fatalf("a no-change run processed %d documents", sum.Docs)
		}
		seen = sum.Seen
	}
	b.ReportMetric(float64(seen), "docs")
}
