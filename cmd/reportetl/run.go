package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/reportetl/reportetl/jobs"
)

func newRunCmd() *cobra.Command {
	var (
		cfg     jobs.RunConfig
		quiet   bool
		verbose bool
	)
	c := &cobra.Command{
		Use:   "run [--in DIR]... [--out DIR] [--workers N] [--full]",
		Short: "Extract every report under the input folders into a new published snapshot",
		Long: `run lists the input folders, extracts text, cleans it, finds the facts and writes
the Parquet dataset under --out as a new snapshot, published atomically: a reader of
OUT/facts/**/*.parquet sees the previous snapshot or this one, never a mix.

With no --in it processes the bundled sample archive (testdata/sample, run from the
repository root) into ./out.

Exit codes:
  0   every document was extracted
  1   the run itself failed (bad input root, output not writable, …); nothing published
  2   usage error (unknown flag, invalid value)
  3   published, but some documents failed: one row each in OUT/errors
  75  another run holds the lock on --out`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			level := slog.LevelWarn
			if verbose {
				level = slog.LevelInfo
			}
			cfg.Logger = newLogger(level)
			if err := cfg.Validate(); err != nil {
				return &exitError{code: jobs.ExitUsage, err: err}
			}
			if len(cfg.Inputs) == 1 && cfg.Inputs[0] == jobs.DefaultInput {
				if _, err := os.Stat(jobs.DefaultInput); err != nil {
					return usageErr("no --in given and the bundled sample %s is not here: run from the repository root or pass --in DIR", jobs.DefaultInput)
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()

			var bar *progressbar.ProgressBar
			if !quiet && term.IsTerminal(int(os.Stderr.Fd())) {
				cfg.Progress = func(done, total int) {
					if bar == nil {
						bar = progressbar.NewOptions(total,
							progressbar.OptionSetWriter(os.Stderr),
							progressbar.OptionSetDescription("extracting"),
							progressbar.OptionShowCount(),
							progressbar.OptionShowIts(),
							progressbar.OptionSetItsString("docs"),
							progressbar.OptionSetPredictTime(true),
							progressbar.OptionThrottle(100_000_000),
							progressbar.OptionClearOnFinish(),
						)
					}
					bar.Set(done)
				}
			}
			sum, err := jobs.Run(ctx, cfg)
			if bar != nil {
				bar.Finish()
			}
			code := jobs.ExitCode(sum, err)
			if err != nil {
				return &exitError{code: code, err: err}
			}
			printSummary(cmd.OutOrStdout(), sum)
			if code != 0 {
				return &exitError{code: code, err: fmt.Errorf("%d of %d documents failed; see %s", sum.Failed, sum.Docs, filepath.Join(sum.Out, "errors"))}
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringArrayVar(&cfg.Inputs, "in", nil, "input folder (repeatable; default: the bundled sample "+jobs.DefaultInput+")")
	f.StringVar(&cfg.Out, "out", "out", "output folder for the dataset")
	f.IntVar(&cfg.Workers, "workers", 0, "documents processed in parallel (0 = one per CPU)")
	f.BoolVar(&cfg.Full, "full", false, "rebuild everything (every run is a full rebuild until incremental runs land)")
	f.IntVar(&cfg.Keep, "keep", 3, "published snapshots to keep (≥ 2)")
	f.Int64Var(&cfg.MaxFileBytes, "max-file-bytes", 0, "per-document size limit in bytes (0 = 64 MiB); bigger files become an error row")
	f.BoolVar(&cfg.FollowSymlinks, "follow-symlinks", false, "follow symlinks that stay inside the input folder")
	f.StringVar(&cfg.RulesFile, "rules", "", "fact rules file (YAML; default: the built-in rules, see transform/facts/rules.yaml)")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	f.BoolVarP(&verbose, "verbose", "v", false, "log every skipped file and stage (JSON when stderr is not a terminal)")
	return c
}

func printSummary(w io.Writer, s *jobs.Summary) {
	fmt.Fprintf(w, "run %s: %d documents (%d ok, %d failed), %d facts, %.1f MB in %s\n",
		s.RunID, s.Docs, s.OK, s.Failed, s.Facts, float64(s.Bytes)/1e6, s.Wall.Round(1e6))
	if len(s.Skipped) > 0 {
		fmt.Fprintf(w, "skipped %d files:\n", len(s.Skipped))
		for i, sk := range s.Skipped {
			if i == 10 {
				fmt.Fprintf(w, "  … and %d more (run with -v to log all)\n", len(s.Skipped)-10)
				break
			}
			fmt.Fprintf(w, "  %s: %s\n", sk.Rel, sk.Reason)
		}
	}
	if len(s.Errors) > 0 {
		fmt.Fprintf(w, "errors (%d, also in %s):\n", len(s.Errors), filepath.Join(s.Out, "errors"))
		for i, e := range s.Errors {
			if i == 10 {
				fmt.Fprintf(w, "  … and %d more\n", len(s.Errors)-10)
				break
			}
			fmt.Fprintf(w, "  %s [%s/%s]: %s\n", e.Source, e.Stage, e.Class, firstLine(e.Message))
		}
	}
	fmt.Fprintf(w, "dataset: %s/{documents,facts,pages,errors,runs}\n", s.Out)
	fmt.Fprintf(w, "try:     duckdb -c \"select metric, count(*) n, sum(value) total from read_parquet('%s/facts/**/*.parquet', hive_partitioning=true) group by 1 order by 1\"\n", s.Out)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
