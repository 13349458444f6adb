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
// Output is a pure function of (seed, document index, years): the same flags
// give the same bytes, whatever the worker count.
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
	PDFShare float64 // share of PDFs; must be 0 until PDFs are supported
	Workers  int     // parallel generators (default GOMAXPROCS); output does not depend on it
}

// ErrPDF is returned for a non-zero PDF share.
var ErrPDF = errors.New("--pdf-share: PDF generation is not available yet: the PDF extractor is still being built and there is no in-process PDF writer (LibreOffice is not used); generate text archives with --pdf-share 0")

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
	case c.PDFShare > 0:
		return ErrPDF
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
}

func (m *Manifest) add(d *Document) {
	m.Bytes += int64(len(d.Raw))
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
		f(m.ByEncoding), m.Big5Fallbacks, f(m.ByScript), f(m.ByKind), f(m.ByUnitType), f(m.ByDebris))
}

// Generate writes the archive under cfg.Out/archive, the gold file and the
// manifest. Documents are generated in parallel and written as they are
// made; only a bounded window of them is in memory at any time. It refuses
// to write into an existing archive folder (a mix of two seeds would not
// match its gold file).
func Generate(ctx context.Context, cfg Config, progress func(done, total int)) (*Manifest, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	arch := ArchiveDir(cfg.Out)
	if _, err := os.Stat(arch); err == nil {
		return nil, fmt.Errorf("%s already exists: remove it or choose another --out", arch)
	}
	if err := os.MkdirAll(arch, 0o755); err != nil {
		return nil, fmt.Errorf("create archive folder: %w", err)
	}
	goldF, err := os.Create(GoldPath(cfg.Out))
	if err != nil {
		return nil, fmt.Errorf("create gold file: %w", err)
	}
	defer goldF.Close()

	m := &Manifest{Seed: cfg.Seed, N: cfg.N, Years: fmt.Sprintf("%d-%d", cfg.YearFrom, cfg.YearTo),
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
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil {
			err = os.WriteFile(p, d.Raw, 0o644)
		}
		d.Text = ""
		return result{d, err}
	}
	next := 0
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
