package extract

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// The speed-ups in clean.go and decode.go must not change any output: Clean
// and Decode are compared with the frozen copies in refclean_test.go and
// refdecode_test.go on every fixture, its legacy re-encodings, damaged
// variants and random mixtures.

// diffInputs gathers raw files: project fixtures, fuzz corpora, and
// ../shared corpora when present.
func diffInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	globs := []string{
		"../testdata/*/*.txt",
		"../../shared/corpus/seeds/*",
		"../../shared/corpus/encodings/*",
	}
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			in[f] = raw
		}
	}
	if len(in) == 0 {
		t.Skip("no fixtures found")
	}
	// Committed fuzz corpora (past findings), one quoted value per file.
	for _, dir := range []string{"testdata/fuzz/FuzzClean", "testdata/fuzz/FuzzDecode"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, val, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
			val = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(val, "[]byte("), "string("), ")")
			if v, err := strconv.Unquote(val); err == nil {
				in[f] = []byte(v)
			}
		}
	}
	for i, s := range decodeSeeds() {
		in["decodeSeed"+string(rune('a'+i))] = s
	}
	for _, tc := range cleanCases {
		in["cleanCase:"+tc.in] = []byte(tc.in)
	}
	in["bench"] = []byte(benchReport())
	return in
}

func refEncode(e encoding.Encoding, s string) []byte {
	var b bytes.Buffer
	enc := e.NewEncoder()
	for _, r := range s {
		if out, err := enc.String(string(r)); err == nil {
			b.WriteString(out)
		}
	}
	return b.Bytes()
}

// variants returns raw re-encoded and damaged so that every branch of the
// legacy race (pruned or not) is taken.
func variants(raw []byte, rng *rand.Rand) map[string][]byte {
	v := map[string][]byte{"raw": raw}
	text, _, err := refDecode(raw)
	if err != nil || len(text) > 64<<10 {
		return v
	}
	for name, e := range map[string]encoding.Encoding{
		"gbk":     simplifiedchinese.GBK,
		"gb18030": simplifiedchinese.GB18030,
		"big5":    traditionalchinese.Big5,
		"utf16le": xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM),
		"utf16be": xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM),
	} {
		b := refEncode(e, text)
		v[name] = b
		if len(b) > 1 {
			v[name+"-odd"] = b[:len(b)-1]
			v[name+"-even"] = b[:len(b)&^1]
			d := bytes.Clone(b)
			for range 1 + rng.IntN(8) {
				d[rng.IntN(len(d))] = byte(rng.IntN(256))
			}
			v[name+"-damaged"] = d
			d = bytes.Clone(b)
			for range len(d)/200 + 1 {
				d[rng.IntN(len(d))] = byte(0x80 + rng.IntN(128))
			}
			v[name+"-noisy"] = d
		}
	}
	u := []byte(text)
	if len(u) > 3 {
		d := bytes.Clone(u)
		for range 1 + rng.IntN(4) {
			d[rng.IntN(len(d))] = 0xFF
		}
		v["utf8-broken"] = d
		v["utf8-bom-broken"] = append([]byte{0xEF, 0xBB, 0xBF}, d...)
		v["utf8-cut"] = u[:len(u)-1]
		v["mixed"] = append(bytes.Clone(u[:len(u)/2]), v["gbk"]...)
	}
	return v
}

func sameErr(a, b error) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	if a == nil {
		return true
	}
	var ea, eb *Error
	if errors.As(a, &ea) != errors.As(b, &eb) {
		return false
	}
	return a.Error() == b.Error() && (ea == nil || ea.Class == eb.Class && ea.Stage == eb.Stage)
}

func TestDecodeMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	n := 0
	for name, raw := range diffInputs(t) {
		for vn, b := range variants(raw, rng) {
			n++
			wt, we, werr := refDecode(b)
			gt, ge, gerr := Decode(b)
			if gt != wt || ge != we || !sameErr(gerr, werr) {
				t.Errorf("%s/%s: Decode = (%d bytes, %q, %v), reference (%d bytes, %q, %v)",
					name, vn, len(gt), ge, gerr, len(wt), we, werr)
			}
		}
	}
	t.Logf("%d inputs", n)
}

func TestCleanMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var texts []string
	for _, raw := range diffInputs(t) {
		texts = append(texts, string(raw))
		if text, _, err := refDecode(raw); err == nil {
			texts = append(texts, text)
			c, _, _ := refClean(text)
			texts = append(texts, c)
		}
	}
	// Random mixtures of fixture lines and rule fragments.
	frags := []string{"\n", "\r\n", "\r", " ", "  ", "\t", "?", "(", ")", "、", "2、", "1、", "\u200b", "①", "❶", "➊", "ｘ",
		"\uFFFD", "e\u0301", "\xff", "\u3000", "，", "（１２０）", "㈠", "\f", "第1页 共3页", "Page 2 of 9", "http://x.cn/a?b=1",
		"www.abc.com", "qHz法治快讯网", "|", " - 3 - ", "(jié)", "?(xiàn)", "?,F(xiàn)", "?zhèn)", "由会员分享", "。", "...", " |", "…",
		"扫黑除恶(2018年3月以后)", "\u00a0", "\u202e", "\x00", "\x7f", "\u0085"}
	for _, tc := range cleanCases {
		frags = append(frags, tc.in)
	}
	for _, text := range texts[:min(len(texts), 40)] {
		for _, l := range strings.Split(text, "\n") {
			if len(l) < 400 {
				frags = append(frags, l)
			}
		}
	}
	for range 3000 {
		var sb strings.Builder
		for range rng.IntN(30) + 1 {
			f := frags[rng.IntN(len(frags))]
			if len(f) > 4 && rng.IntN(3) == 0 {
				r := []rune(f)
				f = string(r[:rng.IntN(len(r))])
			}
			sb.WriteString(f)
			if rng.IntN(3) == 0 {
				sb.WriteString("\n")
			}
		}
		texts = append(texts, sb.String())
	}
	for i, text := range texts {
		wc, wm, wn := refClean(text)
		gc, gm, gn := Clean(text)
		if gc != wc || !reflect.DeepEqual(gn, wn) || !reflect.DeepEqual(gm, wm) {
			t.Errorf("input %d (%.60q): Clean differs from reference (text equal %v, notes %q vs %q, map equal %v)",
				i, text, gc == wc, gn, wn, reflect.DeepEqual(gm, wm))
		}
	}
	t.Logf("%d inputs", len(texts))
}

// BenchmarkReference runs the frozen copies on the inputs of BenchmarkClean
// and BenchmarkDecode, for a before/after comparison on the same machine.
func BenchmarkReference(b *testing.B) {
	text := benchReport()
	b.Run("clean", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			refClean(text)
		}
	})
	for _, bc := range []struct {
		name string
		raw  []byte
	}{
		{"decode/utf-8", []byte(text)},
		{"decode/gbk", mustEncode(simplifiedchinese.GBK, text)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.raw)))
			for b.Loop() {
				if _, _, err := refDecode(bc.raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// pinyinSyllables must be exactly the language of the syllable regexp it
// replaced.
func TestPinyinSyllablesMatchRegexp(t *testing.T) {
	for w := range pinyinSyllables {
		if !refSyllableRe.MatchString(w) {
			t.Errorf("%q in set, not matched by the regexp", w)
		}
	}
	var try func(prefix string, depth int)
	try = func(prefix string, depth int) {
		if refSyllableRe.MatchString(prefix) != pinyinSyllables[prefix] {
			t.Errorf("%q: regexp %v, set %v", prefix, refSyllableRe.MatchString(prefix), pinyinSyllables[prefix])
		}
		if depth == 0 {
			return
		}
		for c := 'a'; c <= 'z'; c++ {
			try(prefix+string(c), depth-1)
		}
	}
	try("", 3)
	// Longer strings: every syllable with a letter appended or changed.
	for w := range pinyinSyllables {
		for c := 'a'; c <= 'z'; c++ {
			for _, v := range []string{w + string(c), string(c) + w, w[:len(w)-1] + string(c)} {
				if refSyllableRe.MatchString(v) != pinyinSyllables[v] {
					t.Errorf("%q: regexp %v, set %v", v, refSyllableRe.MatchString(v), pinyinSyllables[v])
				}
			}
		}
	}
}

// toneBase must strip exactly what the replacer it replaced did.
func TestToneBaseMatchesReplacer(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		want := refToneStrip.Replace(string(r))
		b, ok := toneBase[r]
		if ok != (want != string(r)) || ok && string(rune(b)) != want || ok != toneMarked[r] {
			t.Errorf("%q: replacer %q, toneBase %q (%v)", r, want, b, ok)
		}
	}
}

// FuzzMatchesReference: on any input, Decode and Clean agree with the
// frozen copies.
func FuzzMatchesReference(f *testing.F) {
	for _, s := range decodeSeeds() {
		f.Add(s)
	}
	for _, tc := range cleanCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		wt, we, werr := refDecode(raw)
		gt, ge, gerr := Decode(raw)
		if gt != wt || ge != we || !sameErr(gerr, werr) {
			t.Fatalf("Decode = (%q, %q, %v), reference (%q, %q, %v)", gt, ge, gerr, wt, we, werr)
		}
		for _, text := range []string{string(raw), wt} {
			wc, wm, wn := refClean(text)
			gc, gm, gn := Clean(text)
			if gc != wc || !reflect.DeepEqual(gn, wn) || !reflect.DeepEqual(gm, wm) {
				t.Fatalf("Clean(%q) = %q %q, reference %q %q (maps equal %v)", text, gc, gn, wc, wn, reflect.DeepEqual(gm, wm))
			}
		}
	})
}
