package extract

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

var knownClasses = map[string]bool{"timeout": true, "memory": true, "malformed": true, "encrypted": true, "unsupported": true, "no_text": true, "garbled": true}

var countRe = regexp.MustCompile(`/(Count|Length|N|First|Size|W|DW|FirstChar)\s+\d+`)
var refRe = regexp.MustCompile(`\d+ 0 R`)

// mutate damages a PDF the ways real archives and hostile files do.
func mutate(rng *rand.Rand, in []byte) []byte {
	b := append([]byte(nil), in...)
	switch rng.IntN(7) {
	case 0: // truncation
		return b[:rng.IntN(len(b))]
	case 1: // bit flips
		for range 1 + rng.IntN(20) {
			b[rng.IntN(len(b))] ^= 1 << rng.IntN(8)
		}
	case 2: // deleted range
		i := rng.IntN(len(b))
		j := min(len(b), i+1+rng.IntN(max(1, len(b)/8)))
		b = append(b[:i], b[j:]...)
	case 3: // duplicated range
		i := rng.IntN(len(b))
		j := min(len(b), i+1+rng.IntN(max(1, len(b)/8)))
		b = append(b[:j], append(append([]byte(nil), b[i:j]...), b[j:]...)...)
	case 4: // bad counts and lengths
		locs := countRe.FindAllIndex(b, -1)
		if len(locs) == 0 {
			return mutate(rng, b)
		}
		l := locs[rng.IntN(len(locs))]
		vals := []string{"0", "-1", "99999999", "2147483648", "1"}
		key := bytes.Fields(b[l[0]:l[1]])[0]
		repl := append(append(append([]byte(nil), key...), ' '), vals[rng.IntN(len(vals))]...)
		b = append(b[:l[0]], append(repl, b[l[1]:]...)...)
	case 5: // cyclic references: point a reference at another object
		locs := refRe.FindAllIndex(b, -1)
		if len(locs) < 2 {
			return mutate(rng, b)
		}
		l, m := locs[rng.IntN(len(locs))], locs[rng.IntN(len(locs))]
		repl := append([]byte(nil), b[m[0]:m[1]]...)
		b = append(b[:l[0]], append(repl, b[l[1]:]...)...)
	case 6: // a page tree whose kids include itself
		b = bytes.Replace(b, []byte("/Kids ["), []byte("/Kids [2 0 R 1 0 R "), 1)
	}
	return b
}

func mutationBases(t testing.TB) [][]byte {
	bases := [][]byte{pdfHelvetica, pdfGBK, pdfUCS2, pdfCyclic, pdfNoText, pdfGarbled}
	for _, pat := range []string{"testdata/pdf/*libreoffice.pdf", "testdata/pdf/2020*chromium.pdf"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files[:min(2, len(files))] {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			bases = append(bases, raw)
		}
	}
	return bases
}

// TestPDFMutationFuzz runs damaged PDFs through the worker pool: every one
// must come back, in time, as a document or a classified error, and the
// pool must keep working. REPORTETL_PDF_MUTATIONS sets the count (500).
func TestPDFMutationFuzz(t *testing.T) {
	n := 500
	if v, err := strconv.Atoi(os.Getenv("REPORTETL_PDF_MUTATIONS")); err == nil && v > 0 {
		n = v
	}
	if testing.Short() {
		n = 100
	}
	const deadline = 3 * time.Second
	x := NewPDFExtractor(PDFOptions{Workers: 2, Deadline: deadline, MemoryBytes: 512 << 20})
	defer x.Close()
	bases := mutationBases(t)
	rng := rand.New(rand.NewPCG(4, 2024))
	docs := make([][]byte, n)
	for i := range docs {
		docs[i] = mutate(rng, bases[i%len(bases)])
		if rng.IntN(4) == 0 {
			docs[i] = mutate(rng, docs[i]) // some get two injuries
		}
	}
	var mu sync.Mutex
	classes := map[string]int{}
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				start := time.Now()
				doc, err := x.Extract(context.Background(), Source{Rel: "m" + strconv.Itoa(i) + ".pdf"}, docs[i])
				took := time.Since(start)
				mu.Lock()
				// The pool kills a worker at the deadline; allow for the kill
				// and a replacement start.
				if took > deadline+2*time.Second {
					t.Errorf("mutation %d took %s, past its %s deadline", i, took, deadline)
				}
				switch {
				case err != nil:
					c := classOf(err)
					if !knownClasses[c] {
						t.Errorf("mutation %d: unclassified error %v", i, err)
					}
					classes[c]++
				default:
					classes[doc.Status]++
					if !utf8.ValidString(doc.Text) {
						t.Errorf("mutation %d: invalid UTF-8 text", i)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	t.Logf("%d mutated PDFs: %v; %d workers started", n, classes, x.WorkersStarted())
	// The pool survives: a clean document still extracts.
	if doc, err := x.Extract(context.Background(), Source{Rel: "ok.pdf"}, pdfGBK); err != nil || doc.Text != "悬挂横幅200条" {
		t.Errorf("after the fuzz: %v %v", doc, err)
	}
}

// FuzzPDFText feeds arbitrary bytes to the parser at the worker boundary:
// no panic may escape it, and text must be valid UTF-8 with known page
// qualities. Seeds: testdata/fuzz/FuzzPDFText plus the fixtures.
func FuzzPDFText(f *testing.F) {
	for _, b := range [][]byte{pdfHelvetica, pdfGBK, pdfUCS2, pdfCyclic, pdfNoText, pdfGarbled} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		resp := handlePDF(pdfRequest{Raw: raw, Limits: PDFLimits{MaxPages: 50, MaxStreamBytes: 1 << 20, MaxOpsPerPage: 100_000}})
		if resp.Class != "" {
			if !knownClasses[resp.Class] {
				t.Fatalf("unknown class %q: %s", resp.Class, resp.Msg)
			}
			return
		}
		for _, p := range resp.Parsed.Pages {
			if !utf8.ValidString(p.Text) {
				t.Fatalf("invalid UTF-8 page text %q", p.Text)
			}
			if p.Quality != "ok" && p.Quality != "garbled" && p.Quality != "no_text" {
				t.Fatalf("quality %q", p.Quality)
			}
		}
	})
}
