// Package gen writes synthetic archives of campaign work reports with the
// gold file of every fact they contain, for benchmarks and for catching drift
// between what reports say and what the extractor finds.
//
// A generated archive looks like the real thing at scale: units of every
// unit_type across real counties and several years, the genre's structure
// (title, preamble, numbered sections, closing signature and date), simplified
// and traditional script, UTF-8 (with and without BOM), UTF-16LE, GBK and Big5
// files, the debris sharing sites add (pinyin after characters, a site header
// with page numbers breaking sentences, repeated paragraphs, watermarks, CRLF),
// redacted figures (xx条) and every number form of DESIGN.md's counting
// conventions, plus non-facts that a rule must not take.
//
// A share of the documents (--pdf-share) can be written as PDF: the same
// UTF-8 report text printed by LibreOffice (see pdf.go), so the gold file has
// the same facts whatever the container.
//
// Output is a pure function of (seed, document index, years, PDF share): the
// same flags give the same text files and gold file, whatever the worker
// count. PDF bytes are not reproducible (LibreOffice stamps dates and IDs).
package gen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/reportetl/reportetl/pipeline"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Config of one archive.
type Config struct {
	N        int     // documents
	Out      string  // output folder: Out/archive/… and Out/gold.jsonl
	Seed     int64   // same seed, same bytes
	YearFrom int     // first report year (default 2018)
	YearTo   int     // last report year (default 2021)
	PDFShare float64 // share of documents written as PDF (0-1), chosen per document by seed
	Workers  int     // parallel generators (default GOMAXPROCS); output does not depend on it
	// Soffice is LibreOffice's binary, a path or a name looked up in PATH
	// (default "soffice"); only needed when PDFShare > 0.
	Soffice string
}

// Validate fills defaults and checks values, naming the flag.
func (c *Config) Validate() error {
	if c.YearFrom == 0 && c.YearTo == 0 {
		c.YearFrom, c.YearTo = 2018, 2021
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	switch {
	case c.N < 1:
		return fmt.Errorf("--n must be ≥ 1, got %d", c.N)
	case c.Out == "":
		return errors.New("--out is required")
	case c.YearFrom < 1990 || c.YearTo > 2100 || c.YearFrom > c.YearTo:
		return fmt.Errorf("--years must be FROM-TO with 1990 ≤ FROM ≤ TO ≤ 2100, got %d-%d", c.YearFrom, c.YearTo)
	case c.PDFShare < 0 || c.PDFShare > 1:
		return fmt.Errorf("--pdf-share must be between 0 and 1, got %g", c.PDFShare)
	}
	return nil
}

// ArchiveDir is where the documents go: run `reportetl run --in` on it.
func ArchiveDir(out string) string { return filepath.Join(out, "archive") }

// GoldPath is the gold file of an archive.
func GoldPath(out string) string { return filepath.Join(out, "gold.jsonl") }

// ManifestPath describes what was generated.
func ManifestPath(out string) string { return filepath.Join(out, "manifest.json") }

// name of document i, relative to the archive root: a thousand files per
// folder, as archives sorted by batch tend to be.
func (c *Config) name(i int) string {
	w := max(6, len(fmt.Sprint(c.N-1)))
	return fmt.Sprintf("%0*d/%0*d.txt", w-3, i/1000, w, i)
}

// Doc generates document i in memory (benchmarks, tests); N sets the width
// of its name, zero years mean 2018-2021.
func (c Config) Doc(i int) Document {
	if c.YearFrom == 0 && c.YearTo == 0 {
		c.YearFrom, c.YearTo = 2018, 2021
	}
	return c.generate(i)
}

// Manifest summarises an archive.
type Manifest struct {
	Seed          int64          `json:"seed"`
	N             int            `json:"n"`
	Years         string         `json:"years"`
	Bytes         int64          `json:"bytes"`
	Required      int            `json:"facts_required"`
	Optional      int            `json:"facts_optional"`
	Big5Fallbacks int            `json:"big5_fallbacks"`
	ByEncoding    map[string]int `json:"by_encoding"`
	ByScript      map[string]int `json:"by_script"`
	ByKind        map[string]int `json:"by_kind"`
	ByUnitType    map[string]int `json:"by_unit_type"`
	ByDebris      map[string]int `json:"by_debris"`
	PDFShare      float64        `json:"pdf_share,omitempty"`
	PDFs          int            `json:"pdfs,omitempty"`
	PDFWriter     string         `json:"pdf_writer,omitempty"` // e.g. "LibreOffice 7.4.7.2 (soffice --convert-to pdf, UTF-8 text)"
}

func (m *Manifest) add(d *Document) {
	if d.Encoding == "pdf" {
		m.PDFs++ // its bytes are counted once LibreOffice has written it
	} else {
		m.Bytes += int64(len(d.Raw))
	}
	m.Required += d.Required
	m.Optional += d.Optional
	if d.Big5Fallback {
		m.Big5Fallbacks++
	}
	m.ByEncoding[d.Encoding]++
	m.ByScript[d.Script]++
	m.ByKind[d.Kind]++
	m.ByUnitType[d.UnitType]++
	for _, x := range d.Debris {
		m.ByDebris[x]++
	}
}

// String is a short human summary.
func (m *Manifest) String() string {
	f := func(mm map[string]int) string {
		var ks []string
		for k := range mm {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		var parts []string
		for _, k := range ks {
			parts = append(parts, fmt.Sprintf("%s %d", k, mm[k]))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%d documents, %.1f MB (avg %.1f KB), %d required + %d optional gold facts\n  encodings: %s (big5 fell back to utf-8: %d)\n  scripts:   %s\n  kinds:     %s\n  units:     %s\n  debris:    %s",
		m.N, float64(m.Bytes)/1e6, float64(m.Bytes)/float64(max(m.N, 1))/1e3, m.Required, m.Optional,
		f(m.ByEncoding), m.Big5Fallbacks, f(m.ByScript), f(m.ByKind), f(m.ByUnitType), f(m.ByDebris)) + m.pdfLine()
}

func (m *Manifest) pdfLine() string {
	if m.PDFs == 0 {
		return ""
	}
	return fmt.Sprintf("\n  pdfs:      %d (share %g), written by %s", m.PDFs, m.PDFShare, m.PDFWriter)
}

// Generate writes the archive under cfg.Out/archive, the gold file and the
// manifest. Documents are generated in parallel and written as they are
// made; only a bounded window of them is in memory at any time. PDF
// documents are written as UTF-8 text to a scratch folder first and printed
// by LibreOffice in batches at the end (see pdf.go). It refuses to write
// into an existing archive folder (a mix of two seeds would not match its
// gold file), and returns an error wrapping ErrNoSoffice, before writing
// anything, when PDFs are asked for and LibreOffice is missing.
func Generate(ctx context.Context, cfg Config, progress func(done, total int)) (*Manifest, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	arch := ArchiveDir(cfg.Out)
	if _, err := os.Stat(arch); err == nil {
		return nil, fmt.Errorf("%s already exists: remove it or choose another --out", arch)
	}
	var soffice, scratch string
	if cfg.PDFShare > 0 {
		var err error
		if soffice, err = FindSoffice(cfg.Soffice); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
			return nil, fmt.Errorf("create output folder: %w", err)
		}
		// Inside Out rather than /tmp: the texts can be large, and Out is
		// known to be writable.
		if scratch, err = os.MkdirTemp(cfg.Out, ".pdf-src-"); err != nil {
			return nil, fmt.Errorf("create PDF scratch folder: %w", err)
		}
		defer os.RemoveAll(scratch)
	}
	if err := os.MkdirAll(arch, 0o755); err != nil {
		return nil, fmt.Errorf("create archive folder: %w", err)
	}
	goldF, err := os.Create(GoldPath(cfg.Out))
	if err != nil {
		return nil, fmt.Errorf("create gold file: %w", err)
	}
	defer goldF.Close()

	m := &Manifest{Seed: cfg.Seed, N: cfg.N, Years: fmt.Sprintf("%d-%d", cfg.YearFrom, cfg.YearTo), PDFShare: cfg.PDFShare,
		ByEncoding: map[string]int{}, ByScript: map[string]int{}, ByKind: map[string]int{}, ByUnitType: map[string]int{}, ByDebris: map[string]int{}}

	type result struct {
		doc Document
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Documents are generated in parallel and written to the gold file and
	// the manifest in index order, so the output is the same for any number
	// of workers.
	work := func(i int) result {
		d := cfg.generate(i)
		p := filepath.Join(arch, filepath.FromSlash(d.Name))
		if d.Encoding == "pdf" {
			p = filepath.Join(scratch, filepath.FromSlash(strings.TrimSuffix(d.Name, ".pdf")+".txt"))
		}
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil {
			err = os.WriteFile(p, d.Raw, 0o644)
		}
		d.Text = ""
		return result{d, err}
	}
	next := 0
	var pdfs []string
	firstErr := pipeline.Ordered(ctx, cfg.N, cfg.Workers, work, func(i int, cur result) error {
		next = i + 1
		if cur.err != nil {
			cancel()
			return fmt.Errorf("write %s: %w", cur.doc.Name, cur.err)
		}
		if _, err := goldF.Write(cur.doc.Gold); err != nil {
			cancel()
			return fmt.Errorf("write gold file: %w", err)
		}
		m.add(&cur.doc)
		if cur.doc.Encoding == "pdf" {
			pdfs = append(pdfs, cur.doc.Name)
		}
		if progress != nil {
			progress(next, cfg.N)
		}
		return nil
	})
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("generation interrupted after %d documents: %w", next, err)
	}
	if err := goldF.Close(); err != nil {
		return nil, fmt.Errorf("write gold file: %w", err)
	}
	if len(pdfs) > 0 {
		if m.PDFWriter, err = convertPDFs(ctx, soffice, scratch, arch, pdfs, cfg.Workers); err != nil {
			return nil, err
		}
		for _, name := range pdfs {
			fi, err := os.Stat(filepath.Join(arch, filepath.FromSlash(name)))
			if err != nil {
				return nil, fmt.Errorf("PDF not written: %w", err)
			}
			m.Bytes += fi.Size()
		}
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(ManifestPath(cfg.Out), append(b, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	return m, nil
}

// encode writes text in enc; a text Big5 or GBK cannot represent is
// written as UTF-8 (what a converter falling back would do).
func encode(text, enc string) ([]byte, string) {
	var e encoding.Encoding
	switch enc {
	case "utf-8":
		return []byte(text), enc
	case "utf-8-bom":
		return append([]byte{0xEF, 0xBB, 0xBF}, text...), enc
	case "utf-16le":
		e = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	case "gbk":
		e = simplifiedchinese.GBK
	case "big5":
		e = traditionalchinese.Big5
	}
	b, err := e.NewEncoder().Bytes([]byte(text))
	if err != nil {
		return []byte(text), "utf-8"
	}
	return b, enc
}
