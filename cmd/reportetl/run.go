package main

import (
	"context"
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
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/reportetl/reportetl/jobs"
)

// runOpts are the flags shared by run and schedule.
type runOpts struct {
	cfg     jobs.RunConfig
	config  string
	quiet   bool
	verbose bool
	dryRun  bool
}

func (o *runOpts) addFlags(f *pflag.FlagSet) {
	f.StringArrayVar(&o.cfg.Inputs, "in", nil, "input folder (repeatable; default: the bundled sample "+jobs.DefaultInput+")")
	f.StringVar(&o.cfg.Out, "out", "out", "output folder for the dataset")
	f.IntVar(&o.cfg.Workers, "workers", 0, "documents processed in parallel (0 = one per CPU, plus one)")
	f.BoolVar(&o.cfg.Full, "full", false, "re-extract every document instead of only new and changed ones")
	f.IntVar(&o.cfg.Keep, "keep", 3, "published snapshots to keep (≥ 2)")
	f.Int64Var(&o.cfg.MaxFileBytes, "max-file-bytes", 0, "per-document size limit in bytes (0 = 64 MiB); bigger files become an error row")
	f.BoolVar(&o.cfg.FollowSymlinks, "follow-symlinks", false, "follow symlinks that stay inside the input folder")
	f.StringVar(&o.cfg.RulesFile, "rules", "", "fact rules file (YAML; default: the built-in rules, see transform/facts/rules.yaml)")
	f.StringVar(&o.cfg.MetricsFile, "metrics-file", "", "write Prometheus textfile-collector metrics here after every run (atomically)")
	f.StringVar(&o.config, "config", "", "read settings from a TOML or YAML file (flags given on the command line win)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "log every skipped file and stage (JSON when stderr is not a terminal)")
}

// resolve merges the config file under the flags and validates the result.
func (o *runOpts) resolve(cmd *cobra.Command) (jobs.RunConfig, *jobs.FileConfig, error) {
	cfg := o.cfg
	fc := &jobs.FileConfig{}
	if o.config != "" {
		var err error
		if fc, err = jobs.LoadConfig(o.config); err != nil {
			return cfg, nil, &exitError{code: jobs.ExitUsage, err: err}
		}
		fc.Apply(&cfg, func(name string) bool { return cmd.Flags().Changed(name) })
	}
	level := slog.LevelWarn
	switch {
	case o.verbose:
		level = slog.LevelInfo
	case fc.LogLevel != "":
		level.UnmarshalText([]byte(fc.LogLevel))
	}
	cfg.Logger = newLogger(level)
	if err := cfg.Validate(); err != nil {
		return cfg, fc, &exitError{code: jobs.ExitUsage, err: err}
	}
	if len(cfg.Inputs) == 1 && cfg.Inputs[0] == jobs.DefaultInput {
		if _, err := os.Stat(jobs.DefaultInput); err != nil {
			return cfg, fc, usageErr("no --in given and the bundled sample %s is not here: run from the repository root or pass --in DIR", jobs.DefaultInput)
		}
	}
	return cfg, fc, nil
}

func newRunCmd() *cobra.Command {
	var o runOpts
	c := &cobra.Command{
		Use:   "run [--in DIR]... [--out DIR] [--workers N] [--full] [--dry-run] [--config FILE] [--metrics-file FILE]",
		Short: "Extract new and changed reports under the input folders into a new published snapshot",
		Long: `run lists the input folders, compares them with the manifest of the current snapshot
and extracts only what is new or changed (or everything, with --full or after an
extractor or rules change); rows of unchanged documents are carried over. It writes
the Parquet dataset under --out as a new snapshot, published atomically: a reader of
OUT/facts/**/*.parquet sees the previous snapshot or this one, never a mix. A run
killed at any point leaves the previous snapshot in place; the next run finishes
the job. SIGINT/SIGTERM stop it without publishing (exit 1).

--dry-run lists what a run would do (new, changed, removed; unchanged with -v) and
exits without writing anything. --config reads the settings of the nightly job from
a TOML or YAML file (see README "Nightly runs"). --metrics-file writes Prometheus
textfile-collector metrics after every run, failed ones included.

With no --in it processes the bundled sample archive (testdata/sample, run from the
repository root) into ./out.

Exit codes:
  0   every document this run processed was extracted (or there was nothing to do)
  1   the run itself failed or was interrupted (bad input root, output not
      writable, SIGTERM, …); nothing published
  2   usage error (unknown flag, invalid value, bad config file)
  3   published, but some documents this run processed failed: one row each in
      OUT/errors (an unchanged failed document keeps its row and is not retried)
  75  another run holds the lock on --out`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := o.resolve(cmd)
			if err != nil {
				return err
			}
			if o.dryRun {
				return dryRun(cmd.OutOrStdout(), cfg, o.verbose)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runOnce(ctx, cmd.OutOrStdout(), cfg, o.quiet)
		},
	}
	o.addFlags(c.Flags())
	c.Flags().BoolVarP(&o.dryRun, "dry-run", "n", false, "list what would be processed and exit without writing")
	return c
}

// runOnce runs the job once with a progress bar on a terminal and prints
// the summary; the error carries the exit code.
func runOnce(ctx context.Context, w io.Writer, cfg jobs.RunConfig, quiet bool) error {
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
	printSummary(w, sum)
	if code != 0 {
		return &exitError{code: code, err: fmt.Errorf("%d of %d documents failed; see %s", sum.Failed, sum.Docs, filepath.Join(sum.Out, "errors"))}
	}
	return nil
}

func dryRun(w io.Writer, cfg jobs.RunConfig, verbose bool) error {
	plan, listing, err := jobs.DryRun(cfg)
	if err != nil {
		return &exitError{code: jobs.ExitFailed, err: err}
	}
	for _, it := range plan.Items {
		switch {
		case it.Change == jobs.Unchanged && !verbose:
		case it.Change == jobs.Changed:
			fmt.Fprintf(w, "%-9s %s (%s)\n", it.Change, it.Source.Rel, it.Reason)
		default:
			fmt.Fprintf(w, "%-9s %s\n", it.Change, it.Source.Rel)
		}
	}
	for _, e := range plan.Removed {
		fmt.Fprintf(w, "%-9s %s\n", jobs.Removed, e.Source)
	}
	for _, f := range listing.Failed {
		fmt.Fprintf(w, "%-9s %s (%s)\n", "unlisted", f.Source.Rel, f.Err.Err)
	}
	fmt.Fprintf(w, "dry run: %d new, %d changed, %d removed, %d unchanged, %d skipped", plan.New, plan.Changed, len(plan.Removed), plan.Unchanged, len(listing.Skipped))
	if plan.Full {
		fmt.Fprintf(w, "; full rebuild (%s)", plan.Why)
	}
	fmt.Fprintln(w, "; nothing written")
	return nil
}

func printSummary(w io.Writer, s *jobs.Summary) {
	fmt.Fprintf(w, "run %s: %d documents (%d ok, %d failed), %d facts, %s read in %s\n",
		s.RunID, s.Docs, s.OK, s.Failed, s.Facts, humanBytes(s.Bytes), s.Wall.Round(1e6))
	fmt.Fprintf(w, "archive: %d seen: %d new, %d changed, %d unchanged (carried over), %d removed", s.Seen, s.New, s.Changed, s.Unchanged, s.Removed)
	if s.Full {
		fmt.Fprintf(w, "; full rebuild (%s)", s.Why)
	}
	fmt.Fprintln(w)
	if s.CarriedFailed > 0 {
		fmt.Fprintf(w, "%d unchanged documents failed in an earlier run and keep their rows in %s (not retried)\n", s.CarriedFailed, filepath.Join(s.Out, "errors"))
	}
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
	fmt.Fprintf(w, "dataset: %s/{documents,facts,pages,errors,quality,runs,unit_year,correlations}\n", s.Out)
	fmt.Fprintf(w, "try:     duckdb -c \"select metric, count(*) n, sum(value) total from read_parquet('%s/facts/**/*.parquet', hive_partitioning=true) group by 1 order by 1\"\n", s.Out)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
