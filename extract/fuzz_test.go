package extract

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// decodeClasses are the only classes Decode may fail with.
var decodeClasses = map[string]bool{"no_text": true, "encoding": true}

// decodeSeeds are the encodings and shapes archives hold (committed corpus
// under testdata/fuzz/FuzzDecode holds more, including past findings).
func decodeSeeds() [][]byte {
	const zh = "城关镇扫黑除恶专项斗争工作总结\n共悬挂横幅200余条，发放宣传单3000份。\n"
	const zht = "勉縣農村商業銀行掃黑除惡工作情況匯報\n懸掛橫幅12條，發放宣傳單1500份。\n"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(zh))
	big5, _ := traditionalchinese.Big5.NewEncoder().Bytes([]byte(zht))
	le, _ := xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewEncoder().Bytes([]byte(zh))
	be, _ := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(zh))
	hz, _ := simplifiedchinese.HZGB2312.NewEncoder().Bytes([]byte(zh))
	mixed := append(append([]byte(zh), gbk...), 0xff, 0xfe, 0x80)
	return [][]byte{
		[]byte(zh), append([]byte{0xEF, 0xBB, 0xBF}, zh...), gbk, big5, le, be, hz, mixed,
		{}, {0}, []byte("   \n\t "), []byte("%PDF-1.7\n"), {0xFF, 0xFE}, {0xFE, 0xFF, 0, 'a'},
		append([]byte(zh), 0, 0, 0), []byte(strings.Repeat("\x00a", 40)),
	}
}

// FuzzDecode: any bytes come back as valid UTF-8 text or as a classified
// error, never a panic; text Decode accepts is never blank, and valid UTF-8
// comes back unchanged.
func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, enc, err := Decode(raw)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !decodeClasses[e.Class] || e.Err == nil || e.Err.Error() == "" {
				t.Fatalf("Decode error %#v is not a classified *Error (class no_text|encoding) with a message", err)
			}
			return
		}
		if enc == "" {
			t.Fatal("no encoding name")
		}
		if !utf8.ValidString(text) {
			t.Fatalf("%s: decoded text is not valid UTF-8", enc)
		}
		if strings.TrimSpace(strings.ReplaceAll(text, "\x00", "")) == "" {
			t.Fatalf("%s: blank text accepted", enc)
		}
		switch enc {
		case EncUTF8:
			// (UTF-8 with a few broken bytes is also reported as utf-8.)
			if utf8.Valid(raw) && text != string(raw) {
				t.Fatalf("valid UTF-8 changed by decoding")
			}
		case EncUTF8BOM:
			if utf8.Valid(raw[3:]) && text != string(raw[3:]) {
				t.Fatalf("UTF-8 after a BOM changed by decoding")
			}
		}
	})
}

// FuzzClean checks the offset map's invariants on any text: it covers every
// cleaned rune, never goes backwards, stays inside the original, and maps an
// ideograph to the same ideograph (evidence shown from the original must be
// the text the rules matched). The cleaned text is trimmed, with single
// newlines between paragraphs.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"總結(jié)：認真?zhèn)傳達，落實?,F(xiàn)整改",
		"会员分享，可在线阅读。\n1、城关镇扫黑除恶\n工作总结，共悬挂\n2、横幅200余条。\n第1页 共3页",
		"扫黑除恶(2018年3月以后)工作,扫黑除恶(2018年3月以后)宣传,扫黑除恶(2018年3月以后)线索,扫黑除恶(2018年3月以后)案件,扫黑除恶(2018年3月以后)",
		"①发放宣传单１２００份\u200b\r\n\r\n\t ㈠ 横幅⑳条 \f www.example.com/x?y=1 qHz法治快讯网",
		"重复的段落内容超过十六个字符的一段话。\n重复的段落内容超过十六个字符的一段话。\n",
		"", " ", "\n\n\n", "\xff\xfe中\x80文", "a\u0301\u0301\u0301", "⾔⼀", "- 3 -\n|||\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cleaned, m, _ := Clean(text)
		checkCleanInvariants(t, text, cleaned, m)
	})
}

func checkCleanInvariants(t *testing.T, text, cleaned string, m *OffsetMap) {
	t.Helper()
	orig := []rune(text) // invalid bytes become one U+FFFD each, as in Clean
	cl := []rune(cleaned)
	if !utf8.ValidString(cleaned) {
		t.Fatalf("cleaned text is not valid UTF-8: %q", cleaned)
	}
	if m.CleanLen() != len(cl) || m.OrigLen() != len(orig) {
		t.Fatalf("map lengths %d/%d, want %d/%d", m.CleanLen(), m.OrigLen(), len(cl), len(orig))
	}
	if cleaned != strings.TrimSpace(cleaned) || strings.Contains(cleaned, "\n\n") || strings.Contains(cleaned, "  ") {
		t.Fatalf("whitespace not normalised: %q", cleaned)
	}
	prev := 0
	for i, r := range cl {
		o := m.Orig(i)
		if o < prev || o < 0 || o >= len(orig) {
			t.Fatalf("Orig(%d)=%d out of order or range (prev %d, orig len %d)\ntext %q\ncleaned %q", i, o, prev, len(orig), text, cleaned)
		}
		prev = o
		if isBasicHan(r) && isBasicHan(orig[o]) && orig[o] != r {
			t.Fatalf("cleaned %q at %d maps to original %q at %d\ntext %q\ncleaned %q", r, i, orig[o], o, text, cleaned)
		}
		if c := m.Clean(o); c > i {
			t.Fatalf("Clean(Orig(%d)) = %d, past %d", i, c, i)
		}
	}
	if s, e := m.OrigSpan(0, len(cl)); len(cl) > 0 && (s > e || e > len(orig)) {
		t.Fatalf("OrigSpan of the whole text = [%d,%d), orig len %d", s, e, len(orig))
	}
}

func isBasicHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// FuzzDecodeRunes: the rune-level decoders match x/text and the reference
// candidate race on any input.
func FuzzDecodeRunes(f *testing.F) {
	for _, s := range decodeSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkDecodeRunes(t, raw)
		if len(raw) > 0 {
			checkLegacy(t, raw)
		}
	})
}
