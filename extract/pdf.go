package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// PDFOptions configure the PDF extractor. Zero values get defaults.
type PDFOptions struct {
	// Workers is the number of worker processes (default: GOMAXPROCS, at most 8).
	Workers int
	// Deadline is the wall-clock limit per document (default 60s).
	Deadline time.Duration
	// MemoryBytes caps a worker's resident memory (default 1 GiB; Linux).
	MemoryBytes int64
	Limits      PDFLimits
	// Pdftotext, when set, is the path of poppler's pdftotext: pages this
	// extractor finds garbled or empty are taken from it when its text
	// passes the quality gate. Off by default.
	Pdftotext string
}

// PDFOptionsFromEnv reads the optional fallback from the environment:
// REPORTETL_PDFTOTEXT=1 (find pdftotext on PATH) or a path.
func PDFOptionsFromEnv() PDFOptions {
	var o PDFOptions
	switch v := os.Getenv("REPORTETL_PDFTOTEXT"); v {
	case "", "0", "false":
	case "1", "true":
		if p, err := exec.LookPath("pdftotext"); err == nil {
			o.Pdftotext = p
		}
	default:
		o.Pdftotext = v
	}
	return o
}

// PDFExtractor extracts the text layer of PDFs page by page in worker
// processes (see pdfPool). Its pool starts on first use; Close stops it.
type PDFExtractor struct {
	opt     PDFOptions
	once    sync.Once
	pool    *pdfPool
	poolErr error
}

var _ Extractor = (*PDFExtractor)(nil)

// NewPDFExtractor returns an extractor; no process starts until the first PDF.
func NewPDFExtractor(opt PDFOptions) *PDFExtractor {
	if opt.Workers <= 0 {
		opt.Workers = min(runtime.GOMAXPROCS(0), 8)
	}
	if opt.Deadline <= 0 {
		opt.Deadline = 60 * time.Second
	}
	if opt.MemoryBytes <= 0 {
		opt.MemoryBytes = 1 << 30
	}
	opt.Limits = opt.Limits.withDefaults()
	return &PDFExtractor{opt: opt}
}

// Close stops the worker processes. Safe to call more than once, and on an
// extractor that never started.
func (x *PDFExtractor) Close() error {
	x.once.Do(func() { x.poolErr = errPoolClosed }) // never start after Close
	if x.pool != nil {
		return x.pool.Close()
	}
	return nil
}

// WorkersStarted reports how many worker processes were started so far.
func (x *PDFExtractor) WorkersStarted() int {
	if x.pool == nil {
		return 0
	}
	x.pool.mu.Lock()
	defer x.pool.mu.Unlock()
	return x.pool.started
}

// Extract implements Extractor. Failures are *Error with class timeout,
// memory, malformed, encrypted, unsupported, no_text (no text layer: a
// scan) or garbled (every page failed the quality gate).
func (x *PDFExtractor) Extract(ctx context.Context, src Source, raw []byte) (*Document, error) {
	x.once.Do(func() { x.pool, x.poolErr = newPDFPool(x.opt.Workers, x.opt.MemoryBytes) })
	if x.poolErr != nil {
		return nil, Errorf("unsupported", "pdf", fmt.Errorf("%s: %w", src.Rel, x.poolErr))
	}
	parsed, perr := x.pool.parse(ctx, raw, x.opt.Limits, x.opt.Deadline)
	if perr != nil {
		perr.Err = fmt.Errorf("%s: %w", src.Rel, perr.Err)
		return nil, perr
	}
	extractor := "pdf-go"
	if x.opt.Pdftotext != "" {
		extractor = x.fallback(ctx, raw, parsed)
	}
	doc, err := buildPDFDocument(src, raw, parsed)
	if err != nil {
		return nil, err
	}
	doc.Extractor = extractor
	return doc, nil
}

// fallback replaces pages that are not ok with pdftotext's when those pass
// the gate; it reports which extractor produced the text.
func (x *PDFExtractor) fallback(ctx context.Context, raw []byte, p *pdfParsed) string {
	bad := 0
	for _, pg := range p.Pages {
		if pg.Quality != "ok" {
			bad++
		}
	}
	if bad == 0 {
		return "pdf-go"
	}
	pages, err := runPdftotext(ctx, x.opt.Pdftotext, raw, x.opt.Deadline)
	if err != nil {
		p.Notes = append(p.Notes, "pdftotext fallback failed: "+err.Error())
		return "pdf-go"
	}
	used := 0
	for i := range p.Pages {
		if p.Pages[i].Quality == "ok" || i >= len(pages) {
			continue
		}
		t := fixRadicals(strings.TrimSpace(pages[i]))
		if pageQuality(t) == "ok" {
			p.Pages[i] = pdfPage{Text: t, Quality: "ok", Note: "text from pdftotext"}
			used++
		}
	}
	switch {
	case used == 0:
		return "pdf-go"
	case used == len(p.Pages):
		return "pdftotext"
	}
	return "pdf-go+pdftotext"
}

// runPdftotext returns pdftotext's text per page (pages end with a form feed).
func runPdftotext(ctx context.Context, bin string, raw []byte, deadline time.Duration) ([]string, error) {
	f, err := os.CreateTemp("", "reportetl-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(raw); err != nil {
		f.Close()
		return nil, err
	}
	f.Close()
	ctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "-enc", "UTF-8", f.Name(), "-").Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", bin, err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages, nil
}

// buildPDFDocument cleans the page texts as one text (so PDF and text files
// give the same facts) and maps page boundaries through the cleaning.
// Garbled pages contribute no text (no facts) and make the document partial;
// pages are joined by "\n" unless a paragraph runs across the break.
func buildPDFDocument(src Source, raw []byte, p *pdfParsed) (*Document, error) {
	var sb strings.Builder
	starts := make([]int, len(p.Pages))
	ends := make([]int, len(p.Pages))
	n := 0
	var okPages, garbled, empty int
	var notes []string
	notes = append(notes, p.Notes...)
	prevOK := false
	for i, pg := range p.Pages {
		switch pg.Quality {
		case "ok":
			okPages++
		case "garbled":
			garbled++
			notes = append(notes, fmt.Sprintf("page %d: garbled text layer, no facts taken from it (%s)", i+1, sampleText(pg.Text, pg.Note)))
		default:
			empty++
		}
		if pg.Note != "" && pg.Quality == "ok" {
			notes = append(notes, fmt.Sprintf("page %d: %s", i+1, pg.Note))
		}
		text := pg.Text
		if pg.Quality != "ok" {
			text = ""
		}
		if i > 0 && !(pg.Joined && prevOK && text != "") {
			sb.WriteByte('\n')
			n++
		}
		starts[i] = n
		sb.WriteString(text)
		n += utf8.RuneCountInString(text)
		ends[i] = n
		prevOK = text != ""
	}
	if okPages == 0 {
		if p.StreamLimit {
			return nil, Errorf("limit", "pdf", fmt.Errorf("%s: a content stream inflates past the per-stream limit (REPORTETL_MAX_PDF_STREAM_BYTES); no text read", src.Rel))
		}
		if garbled > 0 {
			return nil, Errorf("garbled", "pdf", fmt.Errorf("%s: no page has a readable text layer (%d garbled, %d without text)", src.Rel, garbled, empty))
		}
		return nil, Errorf("no_text", "pdf", fmt.Errorf("%s: no text layer on any of %d pages (a scan?)", src.Rel, len(p.Pages)))
	}
	cleaned, m, cnotes := Clean(sb.String())
	notes = append(notes, cnotes...)
	if strings.TrimSpace(cleaned) == "" {
		return nil, Errorf("no_text", "clean", fmt.Errorf("%s: nothing left after removing debris", src.Rel))
	}
	runes := []rune(cleaned)
	pages := make([]Page, len(p.Pages))
	for i, pg := range p.Pages {
		s, e := m.Clean(starts[i]), m.Clean(ends[i])
		if ends[i] == starts[i] {
			e = s
		}
		for s < e && runes[s] == '\n' {
			s++
		}
		for e > s && runes[e-1] == '\n' {
			e--
		}
		q := pg.Quality
		if q == "ok" && s == e {
			q = "no_text" // only debris on it
		}
		pages[i] = Page{Number: i + 1, Start: s, End: e, Text: string(runes[s:e]), Quality: q}
	}
	status := "ok"
	if garbled > 0 || p.Truncated || p.StreamLimit {
		status = "partial"
	}
	sum := sha256.Sum256(raw)
	return &Document{
		Source:    src,
		DocID:     hex.EncodeToString(sum[:]),
		Encoding:  "pdf",
		Extractor: "pdf-go",
		Text:      cleaned,
		Pages:     pages,
		Orig:      m,
		Status:    status,
		Notes:     notes,
	}, nil
}

func sampleText(s, note string) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > 20 {
		r = r[:20]
	}
	if note != "" {
		return note
	}
	return fmt.Sprintf("%q…", string(r))
}
