package main

import (
	"github.com/spf13/cobra"

	"github.com/reportetl/reportetl/extract"
)

// newPDFWorkerCmd is the hidden command the PDF pool starts (with
// REPORTETL_PDF_WORKER=1, which extract's init also honours so test
// binaries can serve as workers): it parses PDFs sent on fd 3 and answers
// on fd 4, so a PDF that crashes or hangs the parser costs one worker
// process, never the run.
func newPDFWorkerCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "pdf-worker",
		Short:  "Internal: PDF parsing worker process (started by run)",
		Hidden: true,
		Args:   cobra.ArbitraryArgs,
		RunE: func(*cobra.Command, []string) error {
			return extract.RunPDFWorker()
		},
	}
}
