package extract

import (
	"bytes"
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

// xtextDecoders are the decoders decodeRunes must match byte for byte.
var xtextDecoders = map[string]encoding.Encoding{
	EncGB18030: simplifiedchinese.GB18030,
	EncBig5:    traditionalchinese.Big5,
	EncUTF16LE: xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM),
	EncUTF16BE: xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM),
}

// checkDecodeRunes asserts that decodeRunes gives x/text's text and
// scoreCandidate's score of it, and gives up exactly when the count of
// U+FFFD in that text exceeds the limit.
func checkDecodeRunes(t *testing.T, raw []byte) {
	t.Helper()
	for enc, e := range xtextDecoders {
		want, err := decodeWith(e, raw)
		if err != nil {
			t.Fatalf("%s: x/text: %v", enc, err)
		}
		sc, _, ok := decodeRunes(enc, raw, -1, nil)
		if got := decodeString(enc, raw, sc.size); !ok || got != want || sc.size != len(want) {
			t.Fatalf("%s % x:\n got %+q (size %d, ok %v)\nwant %+q", enc, raw, got, sc.size, ok, want)
		}
		wantC := scoreCandidate(enc, want)
		wantC.text = ""
		if got := sc.candidate(enc); got != (candidate{enc: enc, runes: wantC.runes, repl: wantC.repl, han: wantC.han, plaus: wantC.plaus, stats: wantC.stats, size: len(want)}) {
			t.Fatalf("%s % x: score\n got %+v\nwant %+v", enc, raw, got, wantC)
		}
		for _, limit := range []int{0, 1, 2, wantC.repl - 1, wantC.repl} {
			if limit < 0 {
				continue
			}
			if _, _, ok := decodeRunes(enc, raw, limit, nil); ok != (wantC.repl <= limit) {
				t.Fatalf("%s % x: limit %d with %d U+FFFD: ok %v", enc, raw, limit, wantC.repl, ok)
			}
		}
	}
}

// Every one- and two-byte input, and every first/second byte followed by
// the bytes that steer the four-byte GB18030 and special Big5 paths.
func TestDecodeRunesMatchesXText(t *testing.T) {
	tails := [][]byte{nil, {0x30}, {0x81, 0x30}, {0x81, 0x39}, {0xFE, 0x39}, {0xFF, 0x30}, {0x84, 0x3A}, {0x84, 0x30, 0x41}, {0x41}, {0xA4, 0x40}, {0xD8, 0x00}, {0x00, 0xDC}, {0x00, 0xD8, 0x00, 0xDC}}
	for c0 := 0; c0 < 0x100; c0++ {
		checkDecodeRunes(t, []byte{byte(c0)})
		for c1 := 0; c1 < 0x100; c1++ {
			for _, tail := range tails {
				checkDecodeRunes(t, append([]byte{byte(c0), byte(c1)}, tail...))
			}
		}
	}
	// Four-byte GB18030 sequences over the whole range, both sides of the
	// BMP/supplementary split (r = 39420) and beyond U+10FFFF.
	for c0 := 0x81; c0 < 0xFF; c0 += 3 {
		for c2 := 0x81; c2 < 0xFF; c2 += 5 {
			for _, c13 := range [][2]byte{{0x30, 0x30}, {0x35, 0x37}, {0x39, 0x39}, {0x3A, 0x30}, {0x3F, 0x39}, {0x3F, 0x3A}} {
				checkDecodeRunes(t, []byte{byte(c0), c13[0], byte(c2), c13[1], 'x'})
			}
		}
	}
	for _, s := range []string{hansReport, hantReport, benchReport()} {
		for _, e := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
			checkDecodeRunes(t, mustEncode(e, keepEncodable(e, s)))
		}
	}
}

// The Big5 pairs that decode to two runes are exactly big5Pairs.
func TestBig5Pairs(t *testing.T) {
	tab := &legacyTables().big5
	n := 0
	for k, r := range tab {
		if c0, c1 := byte(k>>8+0x81), byte(k); r < 0 && c1 >= 0x40 {
			n++
			want, _ := decodeWith(traditionalchinese.Big5, []byte{c0, c1})
			if got := big5Pairs[[2]byte{c0, c1}]; got != want {
				t.Errorf("% x: big5Pairs %+q, x/text %+q", []byte{c0, c1}, got, want)
			}
		}
	}
	if n != len(big5Pairs) {
		t.Errorf("%d two-rune pairs, big5Pairs has %d", n, len(big5Pairs))
	}
}

// referenceDecode is Decode as specified: every candidate decoded in full
// by x/text, scored, and picked by pickCandidate; Decode's early give-ups
// and rune-level scoring must never change the outcome.
func referenceLegacy(raw []byte) (string, string, error) {
	names := []string{EncUTF8, EncGB18030, EncBig5}
	if len(raw)%2 == 0 {
		names = append(names, EncUTF16LE, EncUTF16BE)
	}
	var cands []candidate
	for _, name := range names {
		t := utf8PerByte(raw)
		if name != EncUTF8 {
			t, _ = decodeWith(xtextDecoders[name], raw)
		}
		cands = append(cands, scoreCandidate(name, t))
	}
	best := pickCandidate(cands)
	if best.han >= 30 && best.plaus < minPlausibility {
		return "", best.enc, errors.New("implausible")
	}
	return checkText(best.text, best.enc)
}

func checkLegacy(t *testing.T, raw []byte) {
	t.Helper()
	wt, we, werr := referenceLegacy(raw)
	gt, ge, gerr := decodeLegacy(raw)
	if gt != wt || ge != we || (gerr == nil) != (werr == nil) {
		t.Fatalf("% x:\n got %q %s %v\nwant %q %s %v", raw, gt, ge, gerr, wt, we, werr)
	}
}

func TestDecodeLegacyMatchesReference(t *testing.T) {
	rep := benchReport()
	var inputs [][]byte
	for _, e := range []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5} {
		for _, s := range []string{hansReport, hantReport, hansShort, hantShort, rep} {
			b := mustEncode(e, keepEncodable(e, s))
			inputs = append(inputs, b, b[:len(b)-1], append([]byte{0xFF}, b...))
		}
	}
	for _, b := range inputs {
		checkLegacy(t, b)
		// Corrupt bytes at spread positions, more and more of them, so the
		// replacement counts cross the give-up limits.
		c := bytes.Clone(b)
		for k := 1; k < len(c); k = k*2 + 1 {
			c[(k*7919)%len(c)] ^= byte(k)
			checkLegacy(t, c)
		}
	}
	for _, s := range decodeSeeds() {
		checkLegacy(t, s)
	}
}

// decodeString decodes raw with a decodeRunes encoding.
func decodeString(enc string, raw []byte, size int) string {
	_, out, _ := decodeRunes(enc, raw, -1, make([]byte, 0, size))
	return string(out)
}
