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
conventions.

--pdf-share F writes that share of the reports (0 to 1, chosen per report by
--seed) as PDF instead of text: the same UTF-8 report text printed to PDF by
LibreOffice Writer (soffice --headless --convert-to pdf, many files per process,
each process with a private profile), with the CJK fonts fontconfig offers
(fonts-noto-cjk on Debian). PDFs are not generated in Go. A PDF report has the
same facts in the gold file as the text file would have (named NNN.pdf).
Needs: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk. PDFs take
far longer to make than text (~10 s of LibreOffice start-up per 200 files, and
per-page rendering); the default --pdf-share 0 never starts LibreOffice.

Determinism: the same --seed (and --n, --years, --pdf-share) gives the same
text files, the same gold file and the same choice of PDF reports; PDF bytes are
not byte-identical across runs (LibreOffice stamps creation dates and IDs).

  reportetl gen --n 10000 --out /tmp/arch10k
  reportetl run --in /tmp/arch10k/archive --out /tmp/ds
  reportetl eval --gold /tmp/arch10k/gold.jsonl --out /tmp/ds --summary
  reportetl gen --n 300 --pdf-share 1 --out /tmp/pdf300    # PDF-only, through LibreOffice

Exit codes:
  0  archive written
  1  writing failed (disk full, permissions); the partial archive is left in place
  2  usage error (bad flag, DIR/archive already exists, --pdf-share > 0 without
     LibreOffice's soffice)`,
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
				if errors.Is(err, gen.ErrNoSoffice) {
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
	f.Float64Var(&cfg.PDFShare, "pdf-share", 0, "share of reports written as PDF through LibreOffice, 0-1 (0 = text only)")
	f.StringVar(&cfg.Soffice, "soffice", "soffice", "LibreOffice binary for --pdf-share (path or name in PATH)")
	f.IntVar(&cfg.Workers, "workers", 0, "parallel generators (0 = one per CPU); does not change the output")
	return c
}
