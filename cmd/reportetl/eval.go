package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/jobs"
)

func newEvalCmd() *cobra.Command {
	var (
		gold    string
		out     string
		minF1   float64
		summary bool
	)
	c := &cobra.Command{
		Use:   "eval --gold FILE [--out DIR]",
		Short: "Score the published dataset against a gold file (precision, recall, F1)",
		Long: `eval reads the facts and documents of the published snapshot under --out and scores
them against a gold file (JSON Lines, DESIGN.md's format) with DESIGN.md's rule: a
produced fact matches a gold fact of the same document, metric and value, each gold line
at most once. Recall counts required lines; precision counts produced facts that match
any line (required or optional). Only documents named in the gold file are scored.

It prints precision, recall and F1 per metric and overall, qualifier, year and
metadata accuracy, then every miss, extra and wrong metadata value.

Exit codes:
  0  scored (and overall F1 ≥ --min-f1 when given)
  1  overall F1 below --min-f1, or the dataset/gold could not be read
  2  usage error`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if gold == "" {
				return usageErr("--gold FILE is required")
			}
			g, err := jobs.ReadGoldFile(gold)
			if err != nil {
				return err
			}
			rep, err := jobs.Eval(out, g)
			if err != nil {
				return err
			}
			rep.Print(cmd.OutOrStdout(), !summary)
			if minF1 > 0 && !(rep.Overall.F1 >= minF1) {
				return fmt.Errorf("overall F1 %.3f is below --min-f1 %.3f", rep.Overall.F1, minF1)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&gold, "gold", "", "gold file (JSON Lines)")
	f.StringVar(&out, "out", "out", "dataset folder written by run")
	f.Float64Var(&minF1, "min-f1", 0, "exit 1 when the overall F1 is below this")
	f.BoolVar(&summary, "summary", false, "print the scores only, not the misses and extras")
	return c
}
