package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/traditionalchinese"
)

func TestTextExtractor(t *testing.T) {
	raw := encodeWith(t, traditionalchinese.Big5, "掃黑除惡工作總結\r\n\r\n全縣共懸掛橫幅２００餘條。\r\n")
	src := Source{Rel: "county/2020.txt", Format: "txt"}
	doc, err := TextExtractor{}.Extract(context.Background(), src, raw)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	sum := sha256.Sum256(raw)
	want := "掃黑除惡工作總結\n全縣共懸掛橫幅200餘條。"
	if doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
	if doc.DocID != hex.EncodeToString(sum[:]) || doc.Encoding != EncBig5 || doc.Extractor != "text" || doc.Status != "ok" || doc.Source != src {
		t.Errorf("provenance = %q %q %q %q %+v", doc.DocID, doc.Encoding, doc.Extractor, doc.Status, doc.Source)
	}
	if len(doc.Pages) != 1 {
		t.Fatalf("pages = %d, want 1", len(doc.Pages))
	}
	p := doc.Pages[0]
	if p.Number != 1 || p.Start != 0 || p.End != utf8.RuneCountInString(want) || p.Text != want || p.Quality != "ok" {
		t.Errorf("page = %+v", p)
	}
	if doc.Orig == nil || doc.Orig.CleanLen() != p.End {
		t.Fatalf("Orig map missing or wrong length")
	}
	// "200" in the cleaned text points at "２００" in the decoded original:
	// 8 title runes + "\r\n\r\n" + 7 runes = offset 19.
	i := strings.Index(doc.Text, "200")
	if o := doc.Orig.Orig(utf8.RuneCountInString(doc.Text[:i])); o != 19 {
		t.Errorf("Orig(200) = %d, want 19", o)
	}
}

func TestTextExtractorErrors(t *testing.T) {
	tests := []struct {
		name      string
		raw       []byte
		wantClass string
	}{
		{"empty", nil, "no_text"},
		{"blank", []byte("\r\n  \r\n"), "no_text"},
		{"only debris", []byte("《x》由会员分享,可在线阅读,请在某某网上搜索。\n|\n"), "no_text"},
		{"binary", []byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12"), "encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := TextExtractor{}.Extract(context.Background(), Source{Rel: "a/b.txt"}, tt.raw)
			var e *Error
			if !errors.As(err, &e) || e.Class != tt.wantClass {
				t.Fatalf("err = %v, want class %s", err, tt.wantClass)
			}
			if !strings.Contains(err.Error(), "a/b.txt") {
				t.Errorf("error %q does not name the file", err)
			}
			if strings.Count(err.Error(), tt.wantClass+":") != 1 {
				t.Errorf("error %q repeats its class", err)
			}
		})
	}
}

func TestTextExtractorSeeds(t *testing.T) {
	seeds := readSeeds(t)
	for id, text := range seeds {
		doc, err := TextExtractor{}.Extract(context.Background(), Source{Rel: id}, []byte(text))
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if doc.Encoding != EncUTF8 || doc.Pages[0].End != utf8.RuneCountInString(doc.Text) {
			t.Errorf("%s: encoding %s, page end %d", id, doc.Encoding, doc.Pages[0].End)
		}
	}
}
