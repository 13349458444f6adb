// Package transform turns a cleaned document into rows: traditional→simplified
// for matching (offsets preserved), document metadata, the facts of the metric
// taxonomy, and the Arrow records that cross to the load stage.
package transform

import (
	"fmt"
	"path"
	"strings"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/transform/facts"
	"github.com/reportetl/reportetl/transform/meta"
	"github.com/reportetl/reportetl/transform/t2s"
)

// Result is everything transform derives from one document.
type Result struct {
	Doc     *extract.Document
	Runes   int    // code points in Doc.Text (documents.n_chars); 0 = count them
	Script  string // hans|hant|mixed
	Meta    meta.Meta
	UnitKey string
	Facts   []facts.Fact
	// Pages of each fact (1-based, 0 unknown), parallel to Facts.
	FactPages []int
	// Rejects are the numbers not taken and why (only when Trace is set).
	Rejects []facts.Reject
	// Checks are data-quality findings (rows of the quality table).
	Checks []Check
}

// Check is one data-quality finding in a document.
type Check struct {
	Name             string // breakdown_sum
	Fact             int    // index into Facts
	Metric           string
	Expected, Actual float64
	Message          string
}

// Transformer applies the rules to documents. It is safe for concurrent use:
// the rules are read-only after construction.
type Transformer struct {
	Rules *facts.Engine
	Trace bool // keep rejected numbers (explain)
}

// New returns a Transformer with the given rules (facts.Default() when nil).
func New(rules *facts.Engine) *Transformer {
	if rules == nil {
		rules = facts.Default()
	}
	return &Transformer{Rules: rules}
}

// Apply derives metadata and facts. Matching runs on the simplified text;
// evidence is cut from the original script at the same offsets, which the
// converter guarantees are aligned rune for rune.
func (t *Transformer) Apply(doc *extract.Document) (*Result, error) {
	// Most reports are simplified already: Convert then returns the text
	// itself without allocating, and one rune slice serves as both scripts
	// (nothing downstream writes to them).
	simpText := t2s.Convert(doc.Text)
	bufs := runeBufs.Get().(*runePair)
	defer bufs.release()
	bufs.orig = appendRunes(bufs.orig, doc.Text)
	orig, simp := bufs.orig, bufs.orig
	if simpText != doc.Text {
		bufs.simp = appendRunes(bufs.simp, simpText)
		simp = bufs.simp
	}
	if len(simp) != len(orig) {
		return nil, fmt.Errorf("transform %s: t2s changed the text length (%d→%d runes)", doc.Source.Rel, len(orig), len(simp))
	}
	res := &Result{Doc: doc, Script: Script(orig), Runes: len(orig)}
	res.Meta = meta.ExtractRunes(simpText, simp, orig, path.Base(doc.Source.Rel))
	res.UnitKey = UnitKey(res.Meta)
	if t.Trace {
		res.Facts, res.Rejects = t.Rules.Trace(simp, orig, res.Meta.Year)
	} else {
		res.Facts = t.Rules.Extract(simp, orig, res.Meta.Year)
	}
	res.Checks = breakdownChecks(res.Facts)
	res.FactPages = make([]int, len(res.Facts))
	for i, f := range res.Facts {
		res.FactPages[i] = pageOf(doc.Pages, f.Start)
	}
	return res, nil
}

// Script classifies the document's script by the share of characters that
// have a distinct simplified form. Traditional text runs at 25–40 % such
// characters; simplified text quoting a traditional name or title stays
// under 2 %; in between is a document that mixes both.
func Script(text []rune) string {
	han, trad := t2s.CountTraditional(text)
	switch {
	case han == 0 || trad*100 < han*2:
		return "hans"
	case trad*100 >= han*10:
		return "hant"
	default:
		return "mixed"
	}
}

// UnitKey is the stable identity of a unit across documents and years:
// division code + normalised name + type. Without a resolved division the
// name alone must carry the identity, so it is kept whole.
func UnitKey(m meta.Meta) string {
	name := strings.ToLower(strings.Join(strings.Fields(m.UnitName), ""))
	if name == "" {
		return ""
	}
	return m.DivisionCode + "|" + name + "|" + m.UnitType
}

func pageOf(pages []extract.Page, off int) int {
	for _, p := range pages {
		if off >= p.Start && off < p.End {
			return p.Number
		}
	}
	if len(pages) == 1 {
		return pages[0].Number
	}
	return 0
}

// breakdownChecks flags a 其中 breakdown whose parts (of the total's own
// metric, at least two, all with values) do not add up: more than an exact
// total, or more than an "over"/"about" total. Fewer than the total is not
// flagged unless the total is exact, because breakdowns often list only
// the notable parts.
func breakdownChecks(fs []facts.Fact) []Check {
	type agg struct {
		sum      float64
		n        int
		redacted bool
	}
	parts := map[int]*agg{}
	for _, f := range fs {
		if f.PartOf < 0 || f.Metric != fs[f.PartOf].Metric {
			continue
		}
		a := parts[f.PartOf]
		if a == nil {
			a = &agg{}
			parts[f.PartOf] = a
		}
		a.n++
		a.sum += f.Value
		a.redacted = a.redacted || !f.HasValue
	}
	var out []Check
	for i := range fs {
		a := parts[i]
		t := fs[i]
		if a == nil || a.n < 2 || a.redacted || !t.HasValue {
			continue
		}
		bad := a.sum > t.Value
		if t.Qualifier == "exact" {
			bad = a.sum != t.Value
		}
		if bad {
			out = append(out, Check{Name: "breakdown_sum", Fact: i, Metric: t.Metric, Expected: t.Value, Actual: a.sum,
				Message: fmt.Sprintf("%d parts of %s add up to %g, the total says %g (%s)", a.n, t.Metric, a.sum, t.Value, t.Qualifier)})
		}
	}
	return out
}
