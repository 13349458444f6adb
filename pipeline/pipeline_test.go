package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/pipeline"
	"github.com/reportetl/reportetl/transform"
)

// memSink keeps what the batcher emits, in order.
type memSink struct{ sources, errClasses []string }

func (m *memSink) Add(table, part string, rec arrow.Record) error {
	col := rec.Schema().FieldIndices("source")[0]
	for i := 0; i < int(rec.NumRows()); i++ {
		s := rec.Column(col).(*array.String).Value(i)
		switch table {
		case transform.TableDocuments:
			m.sources = append(m.sources, s)
		case transform.TableErrors:
			cls := rec.Column(rec.Schema().FieldIndices("class")[0]).(*array.String).Value(i)
			m.errClasses = append(m.errClasses, s+":"+cls)
		}
	}
	return nil
}

// panicky panics on files whose name contains "boom" and is slow on others,
// so that results arrive out of order.
type panicky struct{ inner extract.Extractor }

func (p panicky) Extract(ctx context.Context, src extract.Source, raw []byte) (*extract.Document, error) {
	if strings.Contains(src.Rel, "boom") {
		panic("rule bug")
	}
	if strings.HasSuffix(src.Rel, "0.txt") {
		time.Sleep(20 * time.Millisecond)
	}
	return p.inner.Extract(ctx, src, raw)
}

func TestOrderAndIsolation(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 30; i++ {
		name := fmt.Sprintf("r%02d.txt", i)
		if i == 7 {
			name = "r07-boom.txt"
		}
		os.WriteFile(filepath.Join(dir, name), []byte("我镇共悬挂横幅200余条。"), 0o644)
	}
	l, err := extract.Discover([]string{dir}, extract.DiscoverOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3, 8} {
		sink := &memSink{}
		b := transform.NewBatcher(sink, "r", time.Now())
		b.MaxRows = 4 // many small batches: order must survive flushing
		p := pipeline.New(pipeline.Config{Workers: workers, Extractors: map[string]extract.Extractor{"txt": panicky{extract.TextExtractor{}}}})
		st, err := p.Run(context.Background(), l.Sources, b)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Push(); err != nil {
			t.Fatal(err)
		}
		if st.OK != 29 || st.Failed != 1 {
			t.Errorf("workers=%d: ok %d failed %d", workers, st.OK, st.Failed)
		}
		for i := 1; i < len(sink.sources); i++ {
			if sink.sources[i-1] > sink.sources[i] {
				t.Fatalf("workers=%d: documents out of listing order: %v", workers, sink.sources)
			}
		}
		if len(sink.errClasses) != 1 || sink.errClasses[0] != "r07-boom.txt:internal" {
			t.Errorf("workers=%d: error rows %v, want one internal error for the panicking document", workers, sink.errClasses)
		}
	}
}

// Cancelling stops taking new documents and reports the cancellation.
func TestCancelStopsTheRun(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 50; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%02d.txt", i)), []byte("悬挂横幅200余条。"), 0o644)
	}
	l, _ := extract.Discover([]string{dir}, extract.DiscoverOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sink := &memSink{}
	_, err := pipeline.New(pipeline.Config{Workers: 2}).Run(ctx, l.Sources, transform.NewBatcher(sink, "r", time.Now()))
	if err == nil {
		t.Fatal("a cancelled run must return an error so nothing is published")
	}
}
