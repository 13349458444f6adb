package extract

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/ledongthuc/pdf"
)

// PDFLimits bound what one document may cost inside a worker.
type PDFLimits struct {
	MaxPages       int   // pages read (the rest are dropped with a note); default 2000
	MaxStreamBytes int64 // decompressed bytes per stream; default 64 MiB
	MaxOpsPerPage  int   // content operators per page; default 2,000,000
}

func (l PDFLimits) withDefaults() PDFLimits {
	if l.MaxPages <= 0 {
		l.MaxPages = 2000
	}
	if l.MaxStreamBytes <= 0 {
		l.MaxStreamBytes = 64 << 20
	}
	if l.MaxOpsPerPage <= 0 {
		l.MaxOpsPerPage = 2_000_000
	}
	return l
}

// pdfPage is one page as the worker returns it: raw (uncleaned) text.
type pdfPage struct {
	Text    string
	Quality string // ok, garbled, no_text
	// Joined: this page's first paragraph continues the previous page's last.
	Joined bool
	Note   string
}

// pdfParsed is what parsing one PDF yields.
type pdfParsed struct {
	Pages []pdfPage
	Notes []string
	// Truncated: the page limit cut the document (status partial).
	// StreamLimit: a content stream decoded past the size cap (a Flate
	// bomb); with no text anywhere the document is a "limit" error.
	Truncated, StreamLimit bool
}

// parsePDF extracts the text of every page of raw. It runs inside a worker
// process (handlePDF recovers panics there). The object layer panics on
// malformed objects by design, so one page's panic is also recovered in
// pageLines: it costs that page, not the document.
func parsePDF(raw []byte, lim PDFLimits) (res *pdfParsed, err error) {
	lim = lim.withDefaults()
	r, data, err := openPDF(raw)
	var pages []pageRef
	var truncated bool
	if err == nil {
		pages, truncated = walkPages(r, lim.MaxPages)
	}
	res = &pdfParsed{}
	if len(pages) == 0 && !isClass(err, "encrypted") {
		// Damaged cross-reference data: rebuild it from the objects.
		if fixed, ok := repairXref(raw); ok {
			if r2, d2, err2 := openPDF(fixed); err2 == nil {
				if p2, t2 := walkPages(r2, lim.MaxPages); len(p2) > 0 {
					r, data, err, pages, truncated = r2, d2, nil, p2, t2
					res.Notes = append(res.Notes, "cross-reference table rebuilt from the objects")
				}
			}
		}
	}
	if err != nil {
		return nil, err
	}
	_ = r
	if truncated {
		res.Truncated = true
		res.Notes = append(res.Notes, fmt.Sprintf("only the first %d pages read (page limit REPORTETL_MAX_PDF_PAGES)", lim.MaxPages))
	}
	if len(pages) == 0 {
		return nil, Errorf("malformed", "pdf", errors.New("no pages found in the page tree"))
	}
	it := &interp{raw: data, fonts: map[objRef]*pdfFont{}, forms: map[objRef]bool{}, lim: contentLimits{
		maxStream: lim.MaxStreamBytes, maxOps: lim.MaxOpsPerPage, maxGlyphs: 1 << 20, maxDepth: 12,
	}}
	lines := make([][]textLine, len(pages))
	heights := make([]float64, len(pages))
	notes := make([]string, len(pages))
	for i, p := range pages {
		lines[i], heights[i], notes[i] = pageLines(it, p)
	}
	res.StreamLimit = it.streamLimit
	dropFurniture(lines, heights)
	for i := range pages {
		text, _ := joinLines(lines[i])
		text = fixRadicals(text)
		pg := pdfPage{Text: text, Quality: pageQuality(text), Note: notes[i]}
		if notes[i] != "" && pg.Quality == "no_text" {
			pg.Quality = "garbled" // unreadable, not blank
		}
		if i > 0 && len(lines[i-1]) > 0 && len(lines[i]) > 0 {
			_, cont := joinLines(lines[i-1])
			pg.Joined = cont && !startsIndented(lines[i])
		}
		res.Pages = append(res.Pages, pg)
	}
	return res, nil
}

type pageRef struct {
	v      pdf.Value
	res    pdf.Value
	height float64
}

// walkPages lists the leaves of the page tree depth-first, with inherited
// resources and media box. A visited set stops cycles (a Kids entry pointing
// back up the tree) and /Count is never trusted.
func walkPages(r *pdf.Reader, maxPages int) (pages []pageRef, truncated bool) {
	type item struct {
		v      pdf.Value
		res    pdf.Value
		height float64
		depth  int
	}
	root := r.Trailer().Key("Root").Key("Pages")
	stack := []item{{v: root, height: 842}}
	seen := map[objRef]bool{}
	visits := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visits++
		if visits > maxPages*4+1000 || it.depth > 64 {
			return pages, true
		}
		if ref := valueRef(it.v); ref.id != 0 {
			if seen[ref] {
				continue
			}
			seen[ref] = true
		}
		if it.v.Kind() != pdf.Dict {
			continue
		}
		if res := it.v.Key("Resources"); !res.IsNull() {
			it.res = res
		}
		if mb := it.v.Key("MediaBox"); mb.Len() == 4 {
			if h := mb.Index(3).Float64() - mb.Index(1).Float64(); h > 0 {
				it.height = h
			}
		}
		kids := it.v.Key("Kids")
		if kids.Kind() == pdf.Array && it.v.Key("Type").Name() != "Page" {
			n := min(kids.Len(), maxPages*4+1000)
			for i := n - 1; i >= 0; i-- {
				stack = append(stack, item{v: kids.Index(i), res: it.res, height: it.height, depth: it.depth + 1})
			}
			continue
		}
		if len(pages) >= maxPages {
			return pages, true
		}
		pages = append(pages, pageRef{v: it.v, res: it.res, height: it.height})
	}
	return pages, false
}

// pageLines interprets one page. Panics from the object layer (it panics on
// malformed objects) are recovered here so one bad page costs one page.
func pageLines(it *interp, p pageRef) (lines []textLine, height float64, note string) {
	height = p.height
	defer func() {
		if x := recover(); x != nil {
			lines, note = nil, fmt.Sprintf("page unreadable: %v", x)
			if debugPDF {
				note += "\n" + string(debug.Stack())
			}
		}
	}()
	it.glyphs, it.ops, it.err = it.glyphs[:0], 0, nil
	var content []byte
	c := p.v.Key("Contents")
	switch c.Kind() {
	case pdf.Stream:
		var err error
		content, err = streamBytes(it.raw, c, it.lim.maxStream)
		it.noteLimit(err)
	case pdf.Array:
		for i := 0; i < c.Len() && i < 4096; i++ {
			b, err := streamBytes(it.raw, c.Index(i), it.lim.maxStream)
			it.noteLimit(err)
			if int64(len(content)+len(b)) > it.lim.maxStream {
				break
			}
			content = append(append(content, b...), '\n')
		}
	}
	it.run(content, p.res, textState{ctm: identity, tz: 100}, 0)
	// Filled-in form fields live in annotation appearance streams.
	annots := p.v.Key("Annots")
	for i := 0; i < annots.Len() && i < 512; i++ {
		a := annots.Index(i)
		ap := a.Key("AP").Key("N")
		rect := a.Key("Rect")
		if ap.Kind() != pdf.Stream || rect.Len() != 4 || a.Key("Subtype").Name() == "Link" {
			continue
		}
		b, _ := streamBytes(it.raw, ap, it.lim.maxStream)
		if len(b) == 0 {
			continue
		}
		ctm := mat{1, 0, 0, 1, min(rect.Index(0).Float64(), rect.Index(2).Float64()), min(rect.Index(1).Float64(), rect.Index(3).Float64())}
		res := ap.Key("Resources")
		if res.IsNull() {
			res = p.res
		}
		it.run(b, res, textState{ctm: ctm, tz: 100}, 1)
	}
	lines = layoutLines(it.glyphs)
	if it.err != nil {
		note = it.err.Error()
	}
	return lines, height, note
}

var debugPDF = false

func isClass(err error, class string) bool {
	var e *Error
	return errors.As(err, &e) && e.Class == class
}

// joinPageTexts is used by tests and the benchmark: the raw text of all
// pages, one per line block.
func joinPageTexts(p *pdfParsed) string {
	var sb strings.Builder
	for i, pg := range p.Pages {
		if i > 0 && !pg.Joined {
			sb.WriteByte('\n')
		}
		sb.WriteString(pg.Text)
	}
	return sb.String()
}
