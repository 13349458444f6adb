package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/load/report"
)

func newReportCmd() *cobra.Command {
	var (
		out, format, file string
		year, compare     int
	)
	c := &cobra.Command{
		Use:   "report --year Y [--compare Y2] [--format html|md] [-o FILE] [--out DIR]",
		Short: "Write the annual comparison report (HTML and Markdown, in Chinese)",
		Long: `report reads the published unit_year, correlations, documents and facts tables under
--out and writes the annual comparison report for --year: overview, rankings by unit
type, publicity-vs-leads scatter plot with the fitted line, year-over-year table
(against --compare), outliers, data-quality notes and method notes. Every number links
to the document, page and sentence it came from.

Without --format both OUT/report/annual-YYYY.html and OUT/report/annual-YYYY.md are
written; with --format only that one. -o FILE writes one file elsewhere (format from
--format, else from the file extension: .md is Markdown, anything else HTML). Files
are replaced atomically (temporary file, fsync, rename). The HTML is self-contained:
inline CSS and SVG, no scripts, no network.

Exit codes: 0 ok · 1 nothing published under --out, no data for --year, or the file
could not be written · 2 usage error`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("year") {
				return usageErr("--year is required")
			}
			if year < 1900 || year > 2999 {
				return usageErr("--year must be a four-digit year, got %d", year)
			}
			if cmd.Flags().Changed("compare") && (compare < 1900 || compare > 2999 || compare == year) {
				return usageErr("--compare must be a four-digit year other than --year, got %d", compare)
			}
			formats := []string{"html", "md"}
			switch format {
			case "":
				if file != "" {
					formats = []string{"html"}
					if strings.EqualFold(filepath.Ext(file), ".md") {
						formats = []string{"md"}
					}
				}
			case "html", "md":
				formats = []string{format}
			default:
				return usageErr("--format must be html or md, got %q", format)
			}
			rep, err := report.BuildChecked(out, report.Options{Year: year, Compare: compare})
			if err != nil {
				var nd *report.ErrNoData
				if errors.As(err, &nd) {
					return &exitError{code: jobs.ExitFailed, err: err}
				}
				return err
			}
			for _, f := range formats {
				path := file
				if path == "" {
					path = filepath.Join(out, "report", fmt.Sprintf("annual-%d.%s", year, f))
				}
				var data []byte
				if f == "html" {
					if data, err = report.HTML(rep); err != nil {
						return err
					}
				} else {
					data = report.Markdown(rep)
				}
				if err := report.WriteFileAtomic(path, data); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%d units, %d documents)\n", path, rep.Units, rep.Docs)
			}
			return nil
		},
	}
	c.Flags().StringVar(&out, "out", "out", "dataset folder written by run")
	c.Flags().IntVar(&year, "year", 0, "year to report on (required)")
	c.Flags().IntVar(&compare, "compare", 0, "base year of the year-over-year table")
	c.Flags().StringVar(&format, "format", "", "html or md (default: both)")
	c.Flags().StringVarP(&file, "output", "o", "", "write one file here instead of OUT/report/annual-YYYY.{html,md}")
	return c
}
