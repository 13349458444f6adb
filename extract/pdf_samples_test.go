package extract_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/transform"
)

// The committed PDFs in testdata/pdf were printed from sample reports by
// LibreOffice and Chromium (testdata/pdf/make.sh). Each must give the text
// of its source (character error rate ≤ 0.5%) and the same facts.

func samplePDFs(t testing.TB) []string {
	files, err := filepath.Glob("testdata/pdf/*.pdf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no committed test PDFs in testdata/pdf (%v)", err)
	}
	return files
}

func sourceOf(pdf string) string {
	name := filepath.Base(pdf)
	name = name[:strings.Index(name, ".")]
	return filepath.Join("..", "testdata", "sample", name+".txt")
}

// comparable drops whitespace: line breaks inside paragraphs depend on the
// page width, not on the extractor.
func comparable(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// cer is the character error rate: edit distance / reference length.
func cer(got, ref []rune) float64 {
	if len(ref) == 0 {
		return 0
	}
	prev := make([]int, len(got)+1)
	cur := make([]int, len(got)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ref); i++ {
		cur[0] = i
		for j := 1; j <= len(got); j++ {
			c := prev[j-1]
			if ref[i-1] != got[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(got)]) / float64(len(ref))
}

func factList(t testing.TB, doc *extract.Document) []string {
	res, err := transform.New(nil).Apply(doc)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Facts {
		v := "null"
		if f.HasValue {
			v = fmt.Sprint(f.Value)
		}
		out = append(out, f.Metric+"="+v)
	}
	sort.Strings(out)
	return out
}

func textDoc(t testing.TB, path string) *extract.Document {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.TextExtractor{}.Extract(context.Background(), extract.Source{Rel: filepath.Base(path)}, raw)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestPDFSamplesMatchSourceText(t *testing.T) {
	x := extract.NewPDFExtractor(extract.PDFOptions{Workers: 2})
	defer x.Close()
	for _, f := range samplePDFs(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src := sourceOf(f)
			want := textDoc(t, src)
			// Same Rel as the text file: metadata (and so fact years) may
			// come from the file name.
			doc, err := x.Extract(context.Background(), extract.Source{Rel: filepath.Base(src), Format: "pdf"}, raw)
			if err != nil {
				t.Fatal(err)
			}
			if c := cer(comparable(doc.Text), comparable(want.Text)); c > 0.005 {
				t.Errorf("CER %.4f > 0.005\n got: %s\nwant: %s", c, doc.Text, want.Text)
			}
			if len(doc.Pages) < 1 || doc.Status != "ok" {
				t.Errorf("pages=%d status=%s", len(doc.Pages), doc.Status)
			}
			runes := []rune(doc.Text)
			for _, p := range doc.Pages {
				if p.Start < 0 || p.End > len(runes) || p.Start > p.End || string(runes[p.Start:p.End]) != p.Text {
					t.Errorf("page %d: [%d,%d) does not delimit its text in Document.Text", p.Number, p.Start, p.End)
				}
			}
			gf, wf := factList(t, doc), factList(t, want)
			if strings.Join(gf, " ") != strings.Join(wf, " ") {
				t.Errorf("facts differ\n pdf: %v\ntext: %v", gf, wf)
			}
		})
	}
}

// requireTool skips when an external tool is missing, except in CI, where
// a missing tool is a broken setup.
func requireTool(t testing.TB, name, pkg string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed (apt-get install -y %s); CI must install it", name, pkg)
		}
		t.Skipf("%s not installed (apt-get install -y %s)", name, pkg)
	}
	return p
}

func TestPDFAgainstPdftotext(t *testing.T) {
	bin := requireTool(t, "pdftotext", "poppler-utils")
	var ours, theirs float64
	files := samplePDFs(t)
	x := extract.NewPDFExtractor(extract.PDFOptions{Workers: 2})
	defer x.Close()
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		want := comparable(textDoc(t, sourceOf(f)).Text)
		doc, err := x.Extract(context.Background(), extract.Source{Rel: f}, raw)
		if err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-enc", "UTF-8", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		cleaned, _, _ := extract.Clean(string(out))
		a, b := cer(comparable(doc.Text), want), cer(comparable(cleaned), want)
		ours += a
		theirs += b
		t.Logf("%-70s CER ours %.4f  pdftotext %.4f", filepath.Base(f), a, b)
	}
	t.Logf("mean CER over %d PDFs: ours %.4f, pdftotext %.4f", len(files), ours/float64(len(files)), theirs/float64(len(files)))
}

// The shared corpus: real CJK PDFs from public test suites, one per way of
// encoding Chinese. Expected text from its README.
func TestPDFSharedCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "pdf")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpus not here (%s): %v", dir, err)
	}
	want := map[string][]string{
		"doc41": {"目录", "关于红军作战的原则", "(一九三七年八月一日)"},
		"doc42": {"全世界无产者,联合起来"},
		"doc43": {"浅谈校长的魅力", "山西省闻喜县诚镇初中 李新录"},
		"doc44": {"我们都是黑体字"},
		"doc45": {"目录"},
		"doc46": {"知识库简介", "描述团队的共同目标"},
		"doc47": {"坚持社会主义核心价值体系", "增强文化自觉和文化自信"},
		"doc48": {"开票通知单"},
		"doc49": {"甲方:", "中国饮料有限公司", "(盖章)"},
		"doc50": {"Name in Chinese", "胡駿"},
	}
	x := extract.NewPDFExtractor(extract.PDFOptions{Workers: 2})
	defer x.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	seen := 0
	for _, f := range files {
		key := filepath.Base(f)[:5]
		subs, ok := want[key]
		if !ok {
			continue
		}
		seen++
		raw, _ := os.ReadFile(f)
		doc, err := x.Extract(context.Background(), extract.Source{Rel: filepath.Base(f)}, raw)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		// Spacing inside a line is layout (the README shows pdf.js's), so
		// whitespace is ignored.
		for _, s := range subs {
			if !strings.Contains(string(comparable(doc.Text)), string(comparable(s))) {
				t.Errorf("%s: %q not in %q", key, s, doc.Text)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d corpus files", seen, len(want))
	}
}

// BenchmarkPDFPool extracts every committed PDF through a new pool per
// iteration (start-up included); compare BenchmarkPdftotext.
func BenchmarkPDFPool(b *testing.B) {
	files := samplePDFs(b)
	raws := make([][]byte, len(files))
	for i, f := range files {
		raws[i], _ = os.ReadFile(f)
	}
	pages := 0
	start := time.Now()
	for b.Loop() {
		x := extract.NewPDFExtractor(extract.PDFOptions{Workers: 2})
		for i, raw := range raws {
			doc, err := x.Extract(context.Background(), extract.Source{Rel: files[i]}, raw)
			if err != nil {
				b.Fatal(err)
			}
			pages += len(doc.Pages)
		}
		x.Close()
	}
	b.ReportMetric(float64(pages)/time.Since(start).Seconds(), "pages/s")
}

func BenchmarkPdftotext(b *testing.B) {
	bin := requireTool(b, "pdftotext", "poppler-utils")
	files := samplePDFs(b)
	pages := 0
	start := time.Now()
	for b.Loop() {
		for _, f := range files {
			out, err := exec.Command(bin, "-enc", "UTF-8", f, "-").Output()
			if err != nil {
				b.Fatal(err)
			}
			pages += strings.Count(string(out), "\f")
		}
	}
	b.ReportMetric(float64(pages)/time.Since(start).Seconds(), "pages/s")
}
