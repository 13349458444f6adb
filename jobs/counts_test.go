package jobs_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/load"
)

// TestCharCounts: n_chars is the code-point count analysts filter and
// normalise by. A page's is its text's; a one-page document's is its page's;
// a PDF's pages are disjoint spans of the document's text (page breaks and
// debris may lie between them), so they add up to no more than the document's. The
// writer derives counts from offsets instead of recounting, so this holds
// them to the text itself.
func TestCharCounts(t *testing.T) {
	out := t.TempDir()
	_, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{"../testdata/sample", "../extract/testdata/pdf"}, Out: out, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	type acc struct{ chars, pages int64 }
	perDoc := map[string]*acc{}
	n := 0
	err = load.ReadTable(out, "pages", func(r load.Row) error {
		n++
		if got, want := r.Int("n_chars"), int64(utf8.RuneCountInString(r.Str("text"))); got != want {
			t.Errorf("%s page %d: n_chars %d, text has %d", r.Str("source"), r.Int("page"), got, want)
		}
		a := perDoc[r.Str("doc_id")]
		if a == nil {
			a = &acc{}
			perDoc[r.Str("doc_id")] = a
		}
		a.chars += r.Int("n_chars")
		a.pages++
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("pages: %d rows, %v", n, err)
	}
	multi := 0
	err = load.ReadTable(out, "documents", func(r load.Row) error {
		a := perDoc[r.Str("doc_id")]
		if a == nil {
			t.Errorf("%s: no pages", r.Str("source"))
			return nil
		}
		if a.pages > 1 {
			multi++
		}
		got := r.Int("n_chars")
		if a.pages == 1 && got != a.chars {
			t.Errorf("%s: n_chars %d, its one page has %d", r.Str("source"), got, a.chars)
		}
		if a.pages > 1 && got < a.chars {
			t.Errorf("%s: n_chars %d < %d, what its %d pages hold", r.Str("source"), got, a.chars, a.pages)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if multi == 0 {
		t.Fatal("no multi-page document: the PDF fixtures are missing")
	}
}
