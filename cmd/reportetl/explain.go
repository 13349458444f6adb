package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/pipeline"
	"github.com/reportetl/reportetl/transform/facts"
)

func newExplainCmd() *cobra.Command {
	var rules string
	c := &cobra.Command{
		Use:   "explain FILE",
		Short: "Show a report's cleaned text with every fact marked, its rule, and the numbers rejected",
		Long: `explain extracts one file exactly as run does and prints:
  - its metadata (unit, type, kind, year, date, script, encoding);
  - the cleaned text with each fact marked 【…】 and numbered;
  - the facts with metric, value, qualifier, year, rule and evidence;
  - every other number it saw and why it is not a fact.

Exit codes: 0 ok · 1 the file could not be read or extracted · 2 usage error`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var eng *facts.Engine
			if rules != "" {
				var err error
				if eng, err = facts.LoadFile(rules); err != nil {
					return err
				}
			}
			ex, err := pipeline.ExplainFile(cmd.Context(), args[0], eng)
			if err != nil {
				return err
			}
			printExplain(cmd.OutOrStdout(), ex)
			return nil
		},
	}
	c.Flags().StringVar(&rules, "rules", "", "fact rules file (default: built-in)")
	return c
}

func printExplain(w io.Writer, ex *pipeline.Explanation) {
	r := ex.Result
	m := r.Meta
	fmt.Fprintf(w, "file:      %s\n", ex.Path)
	fmt.Fprintf(w, "encoding:  %s · script %s · %d chars · extractor %s\n", r.Doc.Encoding, r.Script, len([]rune(r.Doc.Text)), r.Doc.Extractor)
	fmt.Fprintf(w, "title:     %s\n", m.Title)
	fmt.Fprintf(w, "unit:      %s (%s)  division %s %s%s%s\n", m.UnitName, m.UnitType, m.DivisionCode, m.Province, m.City, m.County)
	date := ""
	if !m.ReportDate.IsZero() {
		date = m.ReportDate.Format("2006-01-02")
	}
	fmt.Fprintf(w, "kind:      %s · year %d · date %s\n", m.ReportKind, m.Year, date)
	for _, n := range r.Doc.Notes {
		fmt.Fprintf(w, "cleaning:  %s\n", n)
	}

	// Mark facts in the text: 【evidence-number⟨n⟩】 around each numeral.
	text := []rune(r.Doc.Text)
	type mark struct {
		at   int
		open bool
		n    int
	}
	var marks []mark
	for i, f := range r.Facts {
		marks = append(marks, mark{f.NumStart, true, i + 1}, mark{f.NumEnd, false, i + 1})
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].at < marks[j].at })
	var b strings.Builder
	k := 0
	for i := 0; i <= len(text); i++ {
		for k < len(marks) && marks[k].at == i {
			if marks[k].open {
				b.WriteString("【")
			} else {
				fmt.Fprintf(&b, "】⟨%d⟩", marks[k].n)
			}
			k++
		}
		if i < len(text) {
			b.WriteRune(text[i])
		}
	}
	fmt.Fprintf(w, "\n── cleaned text ──\n%s\n", b.String())

	fmt.Fprintf(w, "\n── facts (%d) ──\n", len(r.Facts))
	for i, f := range r.Facts {
		v := "null"
		if f.HasValue {
			v = fmt.Sprint(f.Value)
		}
		y := ""
		if f.Year != 0 {
			y = fmt.Sprintf(" year %d", f.Year)
		}
		part := ""
		if f.PartOf >= 0 {
			part = fmt.Sprintf(" part of ⟨%d⟩", f.PartOf+1)
		}
		fmt.Fprintf(w, "⟨%d⟩ %-20s %s %s %s%s%s  [%s] p.%d chars %d–%d\n    «%s»\n", i+1, f.Metric, v, f.Qualifier, f.UnitWord, y, part, f.Rule, r.FactPages[i], f.Start, f.End, f.Evidence)
	}
	fmt.Fprintf(w, "\n── numbers not taken (%d) ──\n", len(ex.Rejects))
	for _, rj := range ex.Rejects {
		fmt.Fprintf(w, "  %-14s %s\n", rj.Text, rj.Reason)
	}
}
