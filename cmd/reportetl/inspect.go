package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/load"
)

func newInspectCmd() *cobra.Command {
	var (
		out  string
		runs int
	)
	c := &cobra.Command{
		Use:   "inspect [--out DIR]",
		Short: "Show the published tables: files, row counts, schemas, last runs",
		Long: `inspect reads the published snapshot under --out with parquet-go (an implementation
independent of the writer) and prints each table's part files, row counts, schema and
key-value metadata, then the last runs.

Exit codes: 0 ok · 1 nothing published under --out or a file is unreadable · 2 usage error`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return inspect(cmd.OutOrStdout(), out, runs)
		},
	}
	c.Flags().StringVar(&out, "out", "out", "dataset folder written by run")
	c.Flags().IntVar(&runs, "runs", 5, "how many of the last runs to show")
	return c
}

func inspect(w io.Writer, out string, lastRuns int) error {
	cur, err := filepath.EvalSymlinks(filepath.Join(out, "current"))
	if err != nil {
		return fmt.Errorf("nothing published under %s (run `reportetl run --out %s` first): %w", out, out, err)
	}
	fmt.Fprintf(w, "snapshot: %s\n", cur)
	for _, t := range load.Tables {
		if _, err := os.Stat(filepath.Join(cur, t)); err != nil {
			continue
		}
		files, err := load.TableFiles(out, t)
		if err != nil {
			return err
		}
		var rows int64
		var first load.FileInfo
		for i, p := range files {
			info, err := load.Describe(p)
			if err != nil {
				return err
			}
			if i == 0 {
				first = info
			}
			rows += info.Rows
		}
		fmt.Fprintf(w, "\n%s: %d rows in %d files", t, rows, len(files))
		if len(first.Meta) > 0 {
			fmt.Fprintf(w, " (schema_version %s, run_id %s)", first.Meta["reportetl.schema_version"], first.Meta["reportetl.run_id"])
		}
		fmt.Fprintln(w)
		for _, p := range files {
			rel, _ := filepath.Rel(cur, p)
			fmt.Fprintf(w, "  %s\n", rel)
		}
		for _, c := range first.Columns {
			fmt.Fprintf(w, "    %-22s %s\n", c.Name, c.Type)
		}
	}
	var rs []load.Row
	if err := load.ReadTable(out, "runs", func(r load.Row) error { rs = append(rs, r); return nil }); err != nil {
		return err
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Str("run_id") < rs[j].Str("run_id") })
	if len(rs) > lastRuns {
		rs = rs[len(rs)-lastRuns:]
	}
	fmt.Fprintf(w, "\nlast runs:\n")
	for _, r := range rs {
		started, _ := r["started_at"].(time.Time)
		fmt.Fprintf(w, "  %s  %s  %-7s seen %d, failed %d, facts %d, %d ms\n", r.Str("run_id"), started.Format(time.RFC3339),
			r.Str("status"), r.Int("docs_seen"), r.Int("docs_failed"), r.Int("facts"), r.Int("duration_ms_total"))
	}
	return nil
}
