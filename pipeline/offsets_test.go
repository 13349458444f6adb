package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/transform"
)

// Every fact's original span (orig_start/orig_end, through the cleaning
// offset map) holds its evidence: the evidence's characters appear there in
// order, with only the removed debris (pinyin, page numbers) in between.
func TestFactOffsetsMapBackToTheOriginal(t *testing.T) {
	files, _ := filepath.Glob("../testdata/sample/*.txt")
	tr := transform.New(nil)
	n := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		orig, _, err := extract.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		origRunes := []rune(orig)
		doc, err := extract.TextExtractor{}.Extract(context.Background(), extract.Source{Rel: filepath.Base(f), Format: "txt"}, raw)
		if err != nil {
			t.Fatal(err)
		}
		res, err := tr.Apply(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, fct := range res.Facts {
			os, oe := doc.Orig.OrigSpan(fct.Start, fct.End)
			span := []rune(norm.NFKC.String(string(origRunes[os:oe])))
			if !subsequence([]rune(fct.Evidence), span) {
				t.Errorf("%s: evidence %q is not within original span %q", filepath.Base(f), fct.Evidence, string(origRunes[os:oe]))
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d facts checked", n)
	}
}

func subsequence(needle, hay []rune) bool {
	i := 0
	for _, r := range hay {
		if i < len(needle) && (r == needle[i] || needle[i] == ' ') {
			i++
		}
	}
	return i == len(needle)
}
