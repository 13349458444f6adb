package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Genre text in both scripts; short lines are the hard case for detection.
const (
	hansReport = "扫黑除恶专项斗争工作总结\n全县共悬挂横幅200余条,发放宣传单一千余份,摸排线索12条,移送公安机关3条,查处保护伞1人。"
	hantReport = "掃黑除惡專項鬥爭工作總結\n全縣共懸掛橫幅200餘條,發放宣傳單一千餘份,摸排線索12條,移送公安機關3條,查處保護傘1人。"
	hansShort  = "扫黑除恶宣传横幅"
	hantShort  = "掃黑除惡宣傳橫幅"
)

func encodeWith(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test text: %v", err)
	}
	return b
}

func TestDecodeEncodings(t *testing.T) {
	utf16le := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	utf16be := xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	tests := []struct {
		name    string
		raw     []byte
		want    string
		wantEnc string
	}{
		{"utf-8", []byte(hansReport), hansReport, EncUTF8},
		{"utf-8 ascii", []byte("plain ascii\n"), "plain ascii\n", EncUTF8},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, hantReport...), hantReport, EncUTF8BOM},
		{"utf-16le bom", append([]byte{0xFF, 0xFE}, encodeWith(t, utf16le, hansReport)...), hansReport, EncUTF16LE},
		{"utf-16be bom", append([]byte{0xFE, 0xFF}, encodeWith(t, utf16be, hantReport)...), hantReport, EncUTF16BE},
		{"utf-16le no bom", encodeWith(t, utf16le, hansReport), hansReport, EncUTF16LE},
		{"utf-16be no bom", encodeWith(t, utf16be, hantReport), hantReport, EncUTF16BE},
		{"gbk simplified", encodeWith(t, simplifiedchinese.GBK, hansReport), hansReport, EncGB18030},
		{"gbk simplified short", encodeWith(t, simplifiedchinese.GBK, hansShort), hansShort, EncGB18030},
		// GBK also holds traditional characters; they must not be read as Big5.
		{"gbk traditional", encodeWith(t, simplifiedchinese.GBK, hantReport), hantReport, EncGB18030},
		{"gb18030 4-byte", encodeWith(t, simplifiedchinese.GB18030, "€ café 扫黑除恶 ü"), "€ café 扫黑除恶 ü", EncGB18030},
		{"big5 traditional", encodeWith(t, traditionalchinese.Big5, hantReport), hantReport, EncBig5},
		{"big5 traditional short", encodeWith(t, traditionalchinese.Big5, hantShort), hantShort, EncBig5},
		{"hz-gb-2312", encodeWith(t, simplifiedchinese.HZGB2312, hansReport), hansReport, EncHZ},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode(tt.raw)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if enc != tt.wantEnc {
				t.Errorf("encoding = %q, want %q", enc, tt.wantEnc)
			}
			if got != tt.want {
				t.Errorf("text = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	junk := make([]byte, 400)
	for i := range junk {
		junk[i] = byte(i * 7 % 32) // mostly control bytes
	}
	tests := []struct {
		name      string
		raw       []byte
		wantClass string
		wantMsg   string
	}{
		{"empty", nil, "no_text", "empty"},
		{"whitespace", []byte(" \n\t\r\n"), "no_text", "whitespace"},
		{"bom only", []byte{0xEF, 0xBB, 0xBF}, "no_text", "whitespace"},
		{"control bytes", junk, "encoding", "% of bytes are control characters"},
		{"pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "encoding", "PDF"},
		{"zip", []byte("PK\x03\x04\x14\x00\x06\x00"), "encoding", "ZIP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(tt.raw)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Class != tt.wantClass || e.Stage != "decode" {
				t.Errorf("class/stage = %s/%s, want %s/decode", e.Class, e.Stage, tt.wantClass)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("message %q does not mention %q", err, tt.wantMsg)
			}
		})
	}
}

// sharedDir returns ../shared relative to the module root, or skips.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared absent: %v", err)
	}
	return dir
}

// Real legacy-encoded files from public test suites (see their README).
func TestDecodeCorpusEncodings(t *testing.T) {
	dir := sharedDir(t, "corpus/encodings")
	tests := []struct {
		file     string
		wantEnc  string // "" = must fail with class encoding
		contains string
	}{
		{"doc51_golangtext_sunzi_simplified_GBK.txt", EncGB18030, "孙子曰：兵者，国之大事"},
		{"doc52_golangtext_sunzi_traditional_BIG5.txt", EncBig5, "孫子曰：兵者，國之大事"},
		{"doc53_golangtext_sunzi_HZ-GB2312.txt", EncHZ, "孙子曰：兵者，国之大事"},
		{"doc54_golangtext_candide_french_GB18030.txt", EncGB18030, "Comment Candide fut élevé dans un beau château"},
		{"doc55_chardet_chromium_gb18030_nocharset.html", EncGB18030, "中国制造的领军者"},
		{"doc56_chardet_acnnewswire_pressreleases_GB18030.xml", EncGB18030, "<title>"},
		{"doc57_chardet_coolloud_news_BIG5.xml", EncBig5, "這是苦勞網的 RSS"},
		// EUC-TW is not supported; guessing would yield garbage facts.
		{"doc58_chardet_wikipedia_classical_EUC-TW.txt", "", "unrecognised encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Skipf("../shared file absent: %v", err)
			}
			text, enc, err := Decode(raw)
			if tt.wantEnc == "" {
				var e *Error
				if !errors.As(err, &e) || e.Class != "encoding" || !strings.Contains(err.Error(), tt.contains) {
					t.Fatalf("err = %v, want encoding error mentioning %q", err, tt.contains)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			t.Logf("chosen encoding: %s", enc)
			if enc != tt.wantEnc {
				t.Errorf("encoding = %s, want %s", enc, tt.wantEnc)
			}
			if !strings.Contains(text, tt.contains) {
				t.Errorf("decoded text lacks %q", tt.contains)
			}
		})
	}
}

// The seeds re-encoded in legacy encodings must come back exactly: real genre
// text, long enough that script and vocabulary decide.
func TestDecodeSeedsRoundTrip(t *testing.T) {
	dir := sharedDir(t, "corpus/seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("../shared seeds absent: %v", err)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		orig, _, err := Decode(raw)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		// Big5 cannot hold pinyin tone marks or simplified characters:
		// round-trip the cleaned text with unsupported characters dropped.
		cleaned, _, _ := Clean(orig)
		big5Text := keepEncodable(traditionalchinese.Big5, cleaned)
		for _, tc := range []struct {
			enc     encoding.Encoding
			text    string
			wantEnc string
		}{
			{simplifiedchinese.GB18030, orig, EncGB18030},
			{traditionalchinese.Big5, big5Text, EncBig5},
		} {
			if tc.wantEnc == EncBig5 && hanCount(tc.text)*2 < hanCount(cleaned) {
				continue // a simplified seed: too little survives in Big5
			}
			got, enc, err := Decode(encodeWith(t, tc.enc, tc.text))
			if err != nil || enc != tc.wantEnc || got != tc.text {
				t.Errorf("%s as %s: enc=%s err=%v equal=%v", filepath.Base(f), tc.wantEnc, enc, err, got == tc.text)
			}
		}
	}
}

func keepEncodable(e encoding.Encoding, s string) string {
	var sb strings.Builder
	enc := e.NewEncoder()
	for _, r := range s {
		if _, err := enc.String(string(r)); err == nil {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func BenchmarkDecode(b *testing.B) {
	text := benchReport()
	for _, bc := range []struct {
		name string
		raw  []byte
	}{
		{"utf-8", []byte(text)},
		{"gbk", mustEncode(simplifiedchinese.GBK, text)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.raw)))
			for b.Loop() {
				if _, _, err := Decode(bc.raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func mustEncode(e encoding.Encoding, s string) []byte {
	out, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return out
}

// benchReport builds an ~8 KB report in the genre, with the debris Clean
// handles, from repeated paragraphs that differ by a counter.
func benchReport() string {
	var sb strings.Builder
	sb.WriteString("《xx县扫黑除恶专项斗争工作总结》由会员分享,可在线阅读,更多相关《xx县扫黑除恶专项斗争工作总结》请在装配图网上搜索。\n")
	sb.WriteString("1、xx县扫黑除恶专项斗争工作总结\n")
	for i := 0; sb.Len() < 8<<10; i++ {
		sb.WriteString("(一)加强宣传发动。全县共悬挂横幅200余条,发放宣传单一千余份,制作展板")
		sb.WriteString(strings.Repeat("一", i%3+1))
		sb.WriteString("百块,摸排线索12条,結(jié)合实际移送公安机关3条。\r\n\u3000\u3000各乡镇签订承诺书５００份,召开会议")
		sb.WriteString(string(rune('0' + i%10)))
		sb.WriteString("次。\n")
	}
	return sb.String()
}
