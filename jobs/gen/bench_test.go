package gen

import (
	"context"
	"path"
	"testing"
	"time"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/load"
	"github.com/reportetl/reportetl/transform"
	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/meta"
	"github.com/reportetl/reportetl/transform/t2s"
)

// Per-stage benchmarks on 200 generated documents held in memory, one
// goroutine. b.SetBytes is the raw input size, so MB/s compare across
// stages; `reportetl bench` prints the same figures next to the end-to-end
// run. go test ./jobs/gen -run '^$' -bench Stage -benchmem

type corpus struct {
	docs  []Document
	bytes int64
	text  []string // decoded
	clean []string
	orig  [][]rune
	simp  [][]rune
	meta  []meta.Meta
	res   []*transform.Result
}

func benchCorpus(b *testing.B) *corpus {
	b.Helper()
	c := &corpus{}
	cfg := Config{N: 200, Seed: 42}
	for i := 0; i < cfg.N; i++ {
		d := cfg.Doc(i)
		c.docs = append(c.docs, d)
		c.bytes += int64(len(d.Raw))
		t, _, err := extract.Decode(d.Raw)
		if err != nil {
			b.Fatal(err)
		}
		cl, _, _ := extract.Clean(t)
		o := []rune(cl)
		s := t2s.ConvertRunes(nil, o)
		c.text, c.clean, c.orig, c.simp = append(c.text, t), append(c.clean, cl), append(c.orig, o), append(c.simp, s)
		c.meta = append(c.meta, meta.Extract(string(s), cl, path.Base(d.Name)))
		doc, err := extract.TextExtractor{}.Extract(context.Background(), extract.Source{Rel: d.Name, Path: d.Name, Format: "txt"}, d.Raw)
		if err != nil {
			b.Fatal(err)
		}
		r, err := transform.New(nil).Apply(doc)
		if err != nil {
			b.Fatal(err)
		}
		c.res = append(c.res, r)
	}
	b.SetBytes(c.bytes)
	b.ResetTimer()
	return c
}

func BenchmarkStageDecode(b *testing.B) {
	c := benchCorpus(b)
	for b.Loop() {
		for _, d := range c.docs {
			extract.Decode(d.Raw)
		}
	}
}

func BenchmarkStageClean(b *testing.B) {
	c := benchCorpus(b)
	for b.Loop() {
		for _, t := range c.text {
			extract.Clean(t)
		}
	}
}

func BenchmarkStageT2S(b *testing.B) {
	c := benchCorpus(b)
	var buf []rune
	for b.Loop() {
		for _, o := range c.orig {
			buf = t2s.ConvertRunes(buf[:0], o)
		}
	}
}

// Meta takes its inputs as transform.Apply prepares them (t2s.Convert of
// the cleaned text, one rune slice for both scripts when the report is
// simplified already); that preparation is done before the timed loop, as
// it is not meta's cost.
func BenchmarkStageMeta(b *testing.B) {
	c := benchCorpus(b)
	type input struct {
		simpText   string
		simp, orig []rune
		name       string
	}
	in := make([]input, len(c.docs))
	for i, d := range c.docs {
		simpText := t2s.Convert(c.clean[i])
		orig := []rune(c.clean[i])
		simp := orig
		if simpText != c.clean[i] {
			simp = []rune(simpText)
		}
		in[i] = input{simpText, simp, orig, path.Base(d.Name)}
	}
	for b.Loop() {
		for _, x := range in {
			meta.ExtractRunes(x.simpText, x.simp, x.orig, x.name)
		}
	}
}

func BenchmarkStageFacts(b *testing.B) {
	c := benchCorpus(b)
	eng := facts.Default()
	for b.Loop() {
		for i := range c.docs {
			eng.Extract(c.simp[i], c.orig[i], c.meta[i].Year)
		}
	}
}

// Write: batcher + Parquet part files (zstd) + close, for the 200 results.
func BenchmarkStageWrite(b *testing.B) {
	c := benchCorpus(b)
	for b.Loop() {
		dir := b.TempDir()
		sink, err := load.NewDirSink(dir, transform.SchemaVersion, "bench")
		if err != nil {
			b.Fatal(err)
		}
		bt := transform.NewBatcher(sink, "bench", time.Now())
		for _, r := range c.res {
			if err := bt.Add(r); err != nil {
				b.Fatal(err)
			}
		}
		if err := bt.Push(); err != nil {
			b.Fatal(err)
		}
		if err := sink.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// Generation itself, to know what it costs when bench makes archives.
func BenchmarkGenerate(b *testing.B) {
	cfg := Config{N: 1 << 30, Seed: 1}
	var n int64
	i := 0
	for b.Loop() {
		n += int64(len(cfg.Doc(i).Raw))
		i++
	}
	b.SetBytes(n / int64(max(i, 1)))
}
