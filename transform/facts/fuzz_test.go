package facts_test

import (
	"math"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/t2s"
)

// FuzzRules runs the default rules over arbitrary text (as the transformer
// does: simplified copy for matching, original for evidence) and checks
// what every fact row relies on: spans inside the text and ordered, the
// evidence is the original text of its span, a known metric in its
// category, a qualifier from DESIGN.md, a finite non-negative value unless
// redacted, and a breakdown link to an earlier fact.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"2020年，我镇共悬挂横幅200余条，发放宣传单3000份，未排查到保护伞。",
		"印制《扫黑除恶应知应会》读本、《问答》各500本，LED显示屏150多块滚动播放。",
		"排查线索xx条，其中移送 x 条，查结xx条。摸排线索近百条，受理群众举报约30件左右。",
		"召开会议3次；签订承诺书一千余份；培训200人次；督导检查15次。",
		"懸掛橫幅12條，發放宣傳單1500份，查處涉黑案件2起、涉惡團夥5個。",
		"树牢“四个意识”，做到“两个维护”，第一时间，十九大，每月一次，10类线索，群众知晓率95%。",
		"共移送线索87条,其中涉黑3条、涉恶84条;已办结79条。今年发放宣传册,去年1000份",
		"", "条", "200", "横幅", "xx", "共\n", "其中", "各",
	} {
		f.Add(s, 2020)
	}
	e := facts.Default()
	metrics := map[string]string{}
	for _, m := range e.R.Metrics {
		metrics[m.ID] = m.Category
	}
	qualifiers := map[string]bool{"exact": true, "over": true, "about": true, "under": true, "redacted": true}
	f.Fuzz(func(t *testing.T, s string, year int) {
		orig := []rune(s)
		simp := t2s.ConvertRunes(make([]rune, 0, len(orig)), orig)
		if len(simp) != len(orig) {
			t.Skip("t2s changed the length; the transformer rejects such text before the rules")
		}
		fs := e.Extract(simp, orig, year)
		for i, f := range fs {
			if f.Start < 0 || f.Start > f.End || f.End > len(orig) || f.NumStart < 0 || f.NumStart > f.NumEnd || f.NumEnd > len(orig) {
				t.Fatalf("fact %d %+v: spans outside the text (len %d)", i, f, len(orig))
			}
			if want := strings.TrimSpace(string(orig[f.Start:f.End])); f.Evidence != want && !strings.Contains(want, f.Evidence) {
				t.Fatalf("fact %d: evidence %q is not the text of its span %q", i, f.Evidence, want)
			}
			cat, ok := metrics[f.Metric]
			if !ok || cat != f.Category {
				t.Fatalf("fact %d: metric %q category %q not in the taxonomy", i, f.Metric, f.Category)
			}
			if !qualifiers[f.Qualifier] {
				t.Fatalf("fact %d: qualifier %q", i, f.Qualifier)
			}
			if f.HasValue == (f.Qualifier == "redacted") {
				t.Fatalf("fact %d: HasValue %v with qualifier %s", i, f.HasValue, f.Qualifier)
			}
			if f.HasValue && (math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || f.Value < 0) {
				t.Fatalf("fact %d: value %v", i, f.Value)
			}
			if f.PartOf != -1 && (f.PartOf < 0 || f.PartOf >= i) {
				t.Fatalf("fact %d: PartOf %d does not point at an earlier fact", i, f.PartOf)
			}
			if f.Rule == "" {
				t.Fatalf("fact %d: no rule named", i)
			}
		}
	})
}

// Regression (FuzzRules): a cue as the last characters of a text made the
// engine look one rune past the end and panic, failing the whole document.
func TestCueAtEndOfText(t *testing.T) {
	e := facts.Default()
	for _, s := range []string{"0年横幅0条，发放\xa0单0份AAAAAAAAAAAA保护伞", "发放宣传单0份保护伞", "保护伞"} {
		orig := []rune(s)
		simp := t2s.ConvertRunes(make([]rune, 0, len(orig)), orig)
		e.Extract(simp, orig, 1971)
	}
}
