package gen

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The PDF share is chosen per document by seed: the same seed gives the
// same PDFs whatever N, about the requested share of them, and a PDF report
// has the text and facts the text file would have had.
func TestPDFShareSelection(t *testing.T) {
	pick := func(cfg Config, n int) []int {
		var out []int
		for i := range n {
			if cfg.isPDF(i) {
				out = append(out, i)
			}
		}
		return out
	}
	a := pick(Config{Seed: 5, PDFShare: 0.3}, 2000)
	if len(a) < 500 || len(a) > 700 {
		t.Errorf("share 0.3 of 2000 chose %d PDFs, want about 600", len(a))
	}
	if b := pick(Config{Seed: 5, PDFShare: 0.3}, 1000); len(b) == 0 || !equalInts(b, a[:len(b)]) {
		t.Error("the same seed chose different PDFs for a smaller N")
	}
	if c := pick(Config{Seed: 6, PDFShare: 0.3}, 2000); equalInts(a, c) {
		t.Error("another seed chose the same PDFs")
	}
	if n := len(pick(Config{Seed: 5, PDFShare: 1}, 500)); n != 500 {
		t.Errorf("share 1 chose %d of 500", n)
	}
	if n := len(pick(Config{Seed: 5}, 500)); n != 0 {
		t.Errorf("share 0 chose %d of 500", n)
	}

	text, pdf := Config{N: 50, Seed: 5}, Config{N: 50, Seed: 5, PDFShare: 1}
	for i := range 50 {
		dt, dp := text.Doc(i), pdf.Doc(i)
		if dp.Encoding != "pdf" || !strings.HasSuffix(dp.Name, ".pdf") || strings.TrimSuffix(dp.Name, ".pdf") != strings.TrimSuffix(dt.Name, ".txt") {
			t.Fatalf("doc %d as PDF: name %s, encoding %s", i, dp.Name, dp.Encoding)
		}
		if dt.Text != dp.Text || string(dp.Raw) != dp.Text {
			t.Fatalf("doc %d: the PDF's source text differs from the text file's", i)
		}
		if want := bytes.ReplaceAll(dt.Gold, []byte(`"`+dt.Name+`"`), []byte(`"`+dp.Name+`"`)); !bytes.Equal(want, dp.Gold) {
			t.Fatalf("doc %d: gold lines differ between the text and the PDF container", i)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Without LibreOffice, PDFs are refused before anything is written, with
// the Debian packages to install; text archives never need it.
func TestMissingSoffice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a")
	_, err := Generate(context.Background(), Config{N: 3, Out: out, PDFShare: 0.5, Soffice: "/nonexistent/soffice"}, nil)
	if !errors.Is(err, ErrNoSoffice) || !strings.Contains(err.Error(), "libreoffice-writer-nogui") || !strings.Contains(err.Error(), "fonts-noto-cjk") {
		t.Fatalf("Generate without soffice: %v, want ErrNoSoffice naming the packages", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was created (%v)", out, err)
	}
	generate(t, Config{N: 3, Soffice: "/nonexistent/soffice"})
}

// One small real conversion through LibreOffice, when it is installed.
func TestGeneratePDFs(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not installed (apt-get install -y libreoffice-writer-nogui fonts-noto-cjk): PDF conversion not tested")
	}
	out := t.TempDir()
	m, err := Generate(context.Background(), Config{N: 6, Out: out, Seed: 2, PDFShare: 0.5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	pdfs := 0
	for name, b := range files {
		switch {
		case strings.HasSuffix(name, ".pdf"):
			pdfs++
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("%s is not a PDF", name)
			}
		case strings.Contains(name, ".pdf-src-") || strings.Contains(name, ".lo-profile"):
			t.Errorf("scratch file left behind: %s", name)
		}
	}
	if pdfs != m.PDFs || pdfs == 0 || len(files) != 6+2 {
		t.Errorf("%d PDFs on disk, manifest says %d, %d files in all (want 8)", pdfs, m.PDFs, len(files))
	}
	if !strings.HasPrefix(m.PDFWriter, "LibreOffice") {
		t.Errorf("manifest pdf_writer = %q", m.PDFWriter)
	}
	if !bytes.Contains(files["gold.jsonl"], []byte(".pdf\"")) {
		t.Error("gold file names no PDF")
	}
}
