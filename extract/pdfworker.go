package extract

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// PDFWorkerEnv makes a process that imports this package a PDF worker: the
// pool starts its own executable (the reportetl binary, or a test binary)
// with it set. Checking it in init covers every binary that links extract,
// so tests of any package can run PDFs through the pool.
const PDFWorkerEnv = "REPORTETL_PDF_WORKER"

func init() {
	if os.Getenv(PDFWorkerEnv) == "1" {
		if err := RunPDFWorker(); err != nil {
			fmt.Fprintln(os.Stderr, "reportetl pdf worker:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
}

type pdfRequest struct {
	Raw      []byte
	Limits   PDFLimits
	MemLimit int64
}

type pdfResponse struct {
	Parsed *pdfParsed
	Class  string
	Msg    string
}

// RunPDFWorker serves parse requests on fd 3 and answers on fd 4 until the
// parent closes fd 3 (stdout and stderr stay free for diagnostics). It is the
// body of the hidden `reportetl pdf-worker` command.
func RunPDFWorker() error {
	in, out := os.NewFile(3, "pdf-requests"), os.NewFile(4, "pdf-responses")
	if in == nil || out == nil {
		return errors.New("fd 3 and 4 are not open: this command is started by the PDF pool, not by hand")
	}
	return servePDFWorker(in, out)
}

func servePDFWorker(in io.Reader, out io.Writer) error {
	dec, enc := gob.NewDecoder(in), gob.NewEncoder(out)
	for {
		var req pdfRequest
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil
			}
			return fmt.Errorf("read request: %w", err)
		}
		if req.MemLimit > 0 {
			// A soft target: the GC works harder near it; the parent's RSS
			// watch enforces the hard cap.
			debug.SetMemoryLimit(req.MemLimit * 3 / 4)
		}
		resp := handlePDF(req)
		req.Raw = nil
		if err := enc.Encode(resp); err != nil {
			return fmt.Errorf("write response: %w", err)
		}
	}
}

// handlePDF is the isolation boundary: the only place a panic from parsing
// is recovered (the worker then answers; the parent records the document).
func handlePDF(req pdfRequest) (resp pdfResponse) {
	defer func() {
		if x := recover(); x != nil {
			resp = pdfResponse{Class: "malformed", Msg: fmt.Sprintf("the PDF structure is broken (the parser stopped at: %v)", x)}
		}
	}()
	p, err := parsePDF(req.Raw, req.Limits)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return pdfResponse{Class: e.Class, Msg: e.Err.Error()}
		}
		return pdfResponse{Class: "malformed", Msg: err.Error()}
	}
	return pdfResponse{Parsed: p}
}
