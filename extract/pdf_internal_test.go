package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func parseText(t *testing.T, raw []byte) string {
	t.Helper()
	resp := handlePDF(pdfRequest{Raw: raw})
	if resp.Class != "" {
		t.Fatalf("parse failed: %s: %s", resp.Class, resp.Msg)
	}
	return joinPageTexts(resp.Parsed)
}

func TestPDFEncodings(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"WinAnsi Type1", pdfHelvetica, "Hello PDF world\nend"},
		{"GBK-EUC-H without ToUnicode", pdfGBK, "悬挂横幅200条"},
		{"UniGB-UCS2-H", pdfUCS2, "宣传单5000份"},
		{"cyclic page tree, huge /Count", pdfCyclic, "cycle"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseText(t, tc.raw); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPDFVersionTwoHeader(t *testing.T) {
	raw := append([]byte(nil), pdfHelvetica...)
	copy(raw, "%PDF-2.0")
	if got := parseText(t, raw); !strings.Contains(got, "Hello PDF world") {
		t.Errorf("PDF 2.0 header: got %q", got)
	}
}

func TestPDFTruncatedIsRepaired(t *testing.T) {
	// Cut before the xref table: the objects are all there.
	raw := pdfHelvetica[:strings.Index(string(pdfHelvetica), "xref")]
	if got := parseText(t, raw); !strings.Contains(got, "Hello PDF world") {
		t.Errorf("truncated file: got %q", got)
	}
}

func TestPDFRadicalsAndQuality(t *testing.T) {
	if got := fixRadicals("扫\u2EC6除恶 \u2ED3期"); got != "扫\u2EC6除恶 长期" && !strings.Contains(got, "长期") {
		t.Errorf("radical supplement not mapped: %q", got)
	}
	for in, want := range map[string]string{
		"悬挂横幅200条":                 "ok",
		"":                         "no_text",
		"ÐüÒ»ºá·ù200Ìõ¡£":          "garbled",
		"\uE001\uE002\uE003\uE004": "garbled",
		"�����中文":                  "garbled",
	} {
		if got := pageQuality(in); got != want {
			t.Errorf("pageQuality(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestPDFFurniture(t *testing.T) {
	mk := func(body string, n int) []textLine {
		return []textLine{
			{y: 800, x0: 72, x1: 300, size: 10, text: "某县扫黑除恶工作简报"},
			{y: 700, x0: 72, x1: 500, size: 12, text: body},
			{y: 40, x0: 280, x1: 300, size: 10, text: "- " + string(rune('0'+n)) + " -"},
		}
	}
	pages := [][]textLine{mk("正文一", 1), mk("正文二", 2), mk("正文三", 3)}
	dropFurniture(pages, []float64{842, 842, 842})
	for i, p := range pages {
		if len(p) != 1 || !strings.HasPrefix(p[0].text, "正文") {
			t.Errorf("page %d: header/footer left: %+v", i+1, p)
		}
	}
}

func newTestPDFExtractor(t *testing.T, opt PDFOptions) *PDFExtractor {
	t.Helper()
	x := NewPDFExtractor(opt)
	t.Cleanup(func() { x.Close() })
	return x
}

func classOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return ""
}

func TestPDFPoolClasses(t *testing.T) {
	x := newTestPDFExtractor(t, PDFOptions{Workers: 2})
	ctx := context.Background()
	for _, tc := range []struct {
		name, class string
		raw         []byte
	}{
		{"scan without text layer", "no_text", pdfNoText},
		{"private-use garbage", "garbled", pdfGarbled},
		{"not a PDF at all", "malformed", []byte("%PDF-1.4\nthis is not a pdf\n")},
	} {
		_, err := x.Extract(ctx, Source{Rel: tc.name + ".pdf"}, tc.raw)
		if got := classOf(err); got != tc.class {
			t.Errorf("%s: class %q (err %v), want %q", tc.name, got, err, tc.class)
		}
	}
	doc, err := x.Extract(ctx, Source{Rel: "gbk.pdf"}, pdfGBK)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "悬挂横幅200条" || doc.Extractor != "pdf-go" || doc.Encoding != "pdf" || doc.Status != "ok" {
		t.Errorf("doc = %q extractor=%s encoding=%s status=%s", doc.Text, doc.Extractor, doc.Encoding, doc.Status)
	}
	if n := x.WorkersStarted(); n < 1 || n > 2 {
		t.Errorf("%d workers started for 4 sequential documents, want 1–2 (reused)", n)
	}
}

func TestPDFPoolReplacesKilledWorkers(t *testing.T) {
	ctx := context.Background()
	// A deadline no parse can meet: the worker is killed, the document is a
	// timeout, and the next document gets a fresh worker.
	slow := newTestPDFExtractor(t, PDFOptions{Workers: 1, Deadline: time.Nanosecond})
	if _, err := slow.Extract(ctx, Source{Rel: "a.pdf"}, pdfHelvetica); classOf(err) != "timeout" {
		t.Fatalf("want timeout, got %v", err)
	}
	// A memory cap below any Go process's footprint: class memory.
	small := newTestPDFExtractor(t, PDFOptions{Workers: 1, MemoryBytes: 1 << 10, Deadline: 30 * time.Second})
	big := append([]byte(nil), pdfHelvetica...)
	if !rssSupported() {
		t.Skip("no /proc: the memory cap is not enforced on this OS")
	}
	var err error
	for range 3 { // the RSS watch samples every 25 ms: a fast parse may finish first
		if _, err = small.Extract(ctx, Source{Rel: "b.pdf"}, big); classOf(err) == "memory" {
			break
		}
	}
	if classOf(err) != "memory" && err != nil {
		t.Errorf("want memory or success, got %v", err)
	}
	ok := newTestPDFExtractor(t, PDFOptions{Workers: 1})
	for i := range 3 {
		if _, err := ok.Extract(ctx, Source{Rel: "c.pdf"}, pdfHelvetica); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
	}
}

func TestPDFClosedExtractor(t *testing.T) {
	x := NewPDFExtractor(PDFOptions{Workers: 1})
	if _, err := x.Extract(context.Background(), Source{Rel: "a.pdf"}, pdfHelvetica); err != nil {
		t.Fatal(err)
	}
	x.Close()
	x.Close()
	if _, err := x.Extract(context.Background(), Source{Rel: "a.pdf"}, pdfHelvetica); err == nil {
		t.Error("extract after Close succeeded")
	}
}
