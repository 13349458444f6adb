package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/jobs/gen"
)

// A small bench: the floor and the per-stage figures work on a generated
// archive. The end-to-end part runs this binary as a child and is exercised
// by `reportetl bench` itself (see BENCHMARKS.md).
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 200 documents")
	}
	dir := t.TempDir()
	if _, err := gen.Generate(context.Background(), gen.Config{N: 200, Out: dir, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	files, err := listFiles(gen.ArchiveDir(dir))
	if err != nil || len(files) != 200 {
		t.Fatalf("listed %d files (%v), want 200", len(files), err)
	}
	for _, dec := range []bool{false, true} {
		if _, err := floor(files, 2, dec); err != nil {
			t.Fatalf("floor(decode=%v): %v", dec, err)
		}
	}
	st, err := stageBench(files)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range st.figs {
		names = append(names, f.name)
		if f.sec <= 0 {
			t.Errorf("stage %s: %v s", f.name, f.sec)
		}
	}
	if len(names) != 6 {
		t.Errorf("stages %v, want decode, clean, t2s, meta, facts, write", names)
	}
	if median([]float64{3, 1, 2}) != 2 || median([]float64{4, 1, 2, 3}) != 2.5 {
		t.Error("median is wrong")
	}
}

// Without LibreOffice the PDF measurement is skipped with the reason (bench
// goes on with the text figures), and the table says so.
func TestBenchPDFSkippedWithoutSoffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no soffice, no pdftotext
	o := benchOpts{dir: t.TempDir(), pdf: 3, runs: 1, workers: 1, seed: 1}
	_, err := pdfBench(context.Background(), "/nonexistent/reportetl", o, func(string, ...any) {}, io.Discard)
	if !errors.Is(err, errSkipped) || !errors.Is(err, gen.ErrNoSoffice) {
		t.Fatalf("pdfBench without soffice: %v, want a skip wrapping gen.ErrNoSoffice", err)
	}
	var b bytes.Buffer
	printPDF(&b, o, nil, err)
	if !strings.Contains(b.String(), "### PDF path") || !strings.Contains(b.String(), "Not measured") || !strings.Contains(b.String(), "libreoffice-writer-nogui") {
		t.Errorf("PDF section without soffice:\n%s", b.String())
	}
}

// The PDF section prints both tools' pages/s and the run's accuracy.
func TestPrintPDF(t *testing.T) {
	r := &pdfResult{docs: 10, pages: 40, mb: 1.5, writer: "LibreOffice 7.4", runSec: 2, runCPU: 3, rssMB: 100,
		eval: &jobs.EvalReport{}, ptVersion: "pdftotext version 22.02.0", ptSec: 1, ptCPU: 1}
	var b bytes.Buffer
	printPDF(&b, benchOpts{seed: 1, workers: 2}, r, nil)
	for _, want := range []string{"| reportetl run", "| 2.00 | 20 |", "| pdftotext version 22.02.0", "| 1.00 | 40 |", "0.50×", "precision"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("PDF section lacks %q:\n%s", want, b.String())
		}
	}
}

// pdftotext over real PDFs (the extractor's committed samples), when
// poppler-utils is installed.
func TestPdftotextAll(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install -y poppler-utils)")
	}
	files, err := filepath.Glob("../../extract/testdata/pdf/*.pdf")
	if err != nil || len(files) == 0 {
		t.Skipf("no sample PDFs (%v)", err)
	}
	files = append(files, "testdata-missing.pdf") // pdftotext fails on it: counted, not fatal
	_, _, failed, err := pdftotextAll(context.Background(), bin, files, filepath.Join(t.TempDir(), "o"), 2)
	if err != nil || failed != 1 {
		t.Fatalf("pdftotextAll: %d failed (%v), want 1 (the missing file)", failed, err)
	}
}
