package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/jobs/gen"
)

func newGenCmd() *cobra.Command {
	var (
		cfg   gen.Config
		years string
	)
	c := &cobra.Command{
		Use:   "gen --n N --out DIR [--seed S] [--years 2018-2021] [--pdf-share F]",
		Short: "Write a synthetic archive of reports with its own gold file, for benchmarks",
		Long: `gen writes N synthetic campaign reports (~8 KB each on average) under DIR/archive,
the gold file of every fact and metadata field they contain in DESIGN.md's format
(DIR/gold.jsonl) and a summary (DIR/manifest.json). Units of every unit_type across
real counties and the given years; simplified and traditional script; UTF-8, UTF-8
with BOM, UTF-16LE, GBK and Big5 files (a Big5 file whose text has a character Big5
lacks is written as UTF-8); site debris, page numbers, repeated paragraphs, pinyin
debris, redacted figures (xx条) and every number form of DESIGN.md's counting
conventions. The same --seed gives the same bytes.

  reportetl gen --n 10000 --out /tmp/arch10k
  reportetl run --in /tmp/arch10k/archive --out /tmp/ds
  reportetl eval --gold /tmp/arch10k/gold.jsonl --out /tmp/ds --summary

--pdf-share must be 0 for now: PDF extraction is still being built and gen has no
PDF writer yet (LibreOffice is not used).

Exit codes:
  0  archive written
  1  writing failed (disk full, permissions); the partial archive is left in place
  2  usage error (bad flag, non-zero --pdf-share, DIR/archive already exists)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if years != "" {
				a, b, ok := strings.Cut(years, "-")
				if !ok {
					b = a
				}
				var err1, err2 error
				cfg.YearFrom, err1 = strconv.Atoi(strings.TrimSpace(a))
				cfg.YearTo, err2 = strconv.Atoi(strings.TrimSpace(b))
				if err1 != nil || err2 != nil {
					return usageErr("--years must be FROM-TO (e.g. 2018-2021) or one year, got %q", years)
				}
			}
			if err := cfg.Validate(); err != nil {
				return &exitError{code: jobs.ExitUsage, err: err}
			}
			if _, err := os.Stat(gen.ArchiveDir(cfg.Out)); err == nil {
				return usageErr("%s already exists: remove it or choose another --out", gen.ArchiveDir(cfg.Out))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			m, err := gen.Generate(ctx, cfg, nil)
			if err != nil {
				if errors.Is(err, gen.ErrPDF) {
					return &exitError{code: jobs.ExitUsage, err: err}
				}
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s\narchive: %s\ngold:    %s\n", m, gen.ArchiveDir(cfg.Out), gen.GoldPath(cfg.Out))
			return nil
		},
	}
	f := c.Flags()
	f.IntVar(&cfg.N, "n", 0, "number of reports")
	f.StringVar(&cfg.Out, "out", "", "output folder (archive/, gold.jsonl, manifest.json go inside)")
	f.Int64Var(&cfg.Seed, "seed", 1, "random seed (same seed, same bytes)")
	f.StringVar(&years, "years", "2018-2021", "report years, FROM-TO")
	f.Float64Var(&cfg.PDFShare, "pdf-share", 0, "share of PDF reports (must be 0 until PDFs are supported)")
	f.IntVar(&cfg.Workers, "workers", 0, "parallel generators (0 = one per CPU); does not change the output")
	return c
}
