package t2s

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestLoad(t *testing.T) {
	d, err := load(phrasesTxt, charactersTxt)
	if err != nil {
		t.Fatal(err)
	}
	// OpenCC 1.1.6 (Debian 1.1.6+ds1-1): 277 phrases, 4113 characters. Every
	// phrase has equal-length source and target, so dropping the unequal ones
	// (needed for offset alignment) changes nothing today. If a dictionary
	// update introduces some, this fails so that someone checks whether they
	// matter for the reports.
	if d.skippedPhrases != 0 || d.skippedChars != 0 {
		t.Errorf("skipped %d phrases and %d characters that would break rune alignment", d.skippedPhrases, d.skippedChars)
	}
	if d.nPhrases < 250 || d.nChars < 4000 {
		t.Errorf("loaded %d phrases, %d characters; the embedded dictionaries look truncated", d.nPhrases, d.nChars)
	}
}

func TestLoadRejectsMalformed(t *testing.T) {
	for _, tc := range []struct{ name, phrases, chars string }{
		{"no tab", "乾淨\t干净\n", "發 发\n"},
		{"empty candidate", "乾淨\t\n", "發\t发\n"},
		{"invalid utf8 phrase", "\xff\xfe\t干净\n", "發\t发\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := load(tc.phrases, tc.chars); err == nil {
				t.Error("load succeeded, want an error")
			}
		})
	}
}

func TestConvert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// Campaign vocabulary.
		{"掃黑除惡專項鬥爭工作總結", "扫黑除恶专项斗争工作总结"},
		{"斗爭", "斗争"},
		{"縣委", "县委"},
		{"鄉鎮", "乡镇"},
		{"線索", "线索"},
		{"保護傘", "保护伞"},
		{"懸掛橫幅200餘條", "悬挂横幅200余条"},
		{"發放宣傳單一萬餘份", "发放宣传单一万余份"},
		{"《應知應會讀本》", "《应知应会读本》"},
		{"彙編", "汇编"},
		{"匯編", "汇编"},
		// 著 is not converted by t2s (著 is also a simplified character).
		{"著作", "著作"},
		{"著力", "著力"},
		{"顯著", "显著"},
		// 乾/幹/干: characters map 乾,幹→干, phrases keep 乾 in names.
		{"幹部", "干部"},
		{"樹幹", "树干"},
		{"乾淨", "干净"},
		{"乾乾淨淨", "干干净净"},
		{"餅乾", "饼干"},
		{"乾隆", "乾隆"},
		{"乾坤", "乾坤"},
		{"干擾", "干扰"},
		{"後來", "后来"},
		{"皇后", "皇后"},
		{"裡面", "里面"},
		{"村裏", "村里"},
		{"頭髮", "头发"},
		{"理髮", "理发"},
		{"麵條", "面条"},
		{"台灣", "台湾"},
		{"臺灣", "台湾"},
		// Phrases decide where the character table alone would be wrong.
		{"於是", "于是"},
		{"於菟", "於菟"},
		{"藉此", "借此"},
		{"憑藉", "凭借"},
		{"反覆", "反复"},
		{"覆蓋", "覆盖"},
		{"瞭解", "了解"},
		{"角徵", "角徵"}, // identity phrase blocks 徵→征
		{"變徵", "变徵"},
		{"聯繫", "联系"},
		{"關係", "关系"},
		// Outside the dense table (CJK Extension B), and replacements whose
		// UTF-8 length differs (rune alignment still holds).
		{"𠁞", "𠀾"},
		{"縣㑮幹部", "县𫝈干部"},
		{"縣𠗣幹部", "县㓆干部"},
		// Unchanged input.
		{"", ""},
		{"LED 2019-12-31 xx條", "LED 2019-12-31 xx条"},
		{"hello, world", "hello, world"},
		{"扫黑除恶专项斗争工作总结，悬挂横幅200余条", "扫黑除恶专项斗争工作总结，悬挂横幅200余条"},
		// Invalid UTF-8 is copied byte for byte.
		{"縣\xff委", "县\xff委"},
	} {
		if got := Convert(tc.in); got != tc.want {
			t.Errorf("Convert(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := string(ConvertRunes(nil, []rune(tc.in))); utf8.ValidString(tc.in) && got != tc.want {
			t.Errorf("ConvertRunes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestConvertUnchangedDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("扫黑除恶专项斗争工作总结，悬挂横幅200余条。", 50)
	get()
	if n := testing.AllocsPerRun(10, func() { _ = Convert(s) }); n != 0 {
		t.Errorf("Convert of simplified text allocated %v times, want 0", n)
	}
}

func TestConvertRunesAppendsAndReuses(t *testing.T) {
	src := []rune("縣委幹部")
	got := ConvertRunes([]rune("前:"), src)
	if string(got) != "前:县委干部" {
		t.Errorf("append: got %q", string(got))
	}
	buf := make([]rune, 0, 64)
	got = ConvertRunes(buf, src)
	if &got[0] != &buf[:1][0] {
		t.Error("ConvertRunes reallocated a buffer that had room")
	}
	inPlace := []rune("乾乾淨淨的鄉鎮")
	if got := ConvertRunes(inPlace[:0], inPlace); string(got) != "干干净净的乡镇" {
		t.Errorf("in place: got %q", string(got))
	}
	if src := string(src); src != "縣委幹部" {
		t.Errorf("source modified: %q", src)
	}
}

func TestIsTraditional(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{'發', true}, {'乾', true}, {'幹', true}, {'後', true}, {'裡', true}, {'縣', true}, {'𠁞', true},
		{'发', false}, {'干', false}, {'后', false}, {'县', false},
		{'著', false}, {'台', false}, {'斗', false},
		{'阪', false}, // TSCharacters lists 阪 with itself first
		{'角', false}, // only starts a phrase
		{'a', false}, {'，', false}, {utf8.RuneError, false},
	} {
		if got := IsTraditional(tc.r); got != tc.want {
			t.Errorf("IsTraditional(%q) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

// sample returns traditional text exercising every dictionary entry: the
// campaign text, every phrase and character key, and random mixes of keys so
// phrases meet each other at odd boundaries.
func sample(t testing.TB) string {
	t.Helper()
	campaign, err := os.ReadFile("testdata/campaign_hant.txt")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, txt := range []string{phrasesTxt, charactersTxt} {
		for _, l := range strings.Split(strings.TrimSpace(txt), "\n") {
			k, _, _ := strings.Cut(l, "\t")
			keys = append(keys, k)
		}
	}
	var b strings.Builder
	b.Write(campaign)
	b.WriteString(strings.Join(keys, "\n"))
	b.WriteString("\n")
	rng := rand.New(rand.NewPCG(1, 2))
	for line := 0; line < 2000; line++ {
		for range 1 + rng.IntN(12) {
			b.WriteString(keys[rng.IntN(len(keys))])
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestAligned(t *testing.T) {
	s := sample(t)
	out := Convert(s)
	if got, want := utf8.RuneCountInString(out), utf8.RuneCountInString(s); got != want {
		t.Fatalf("Convert: %d runes out, %d in", got, want)
	}
	runes := ConvertRunes(nil, []rune(s))
	if len(runes) != utf8.RuneCountInString(s) {
		t.Fatalf("ConvertRunes: %d runes out, %d in", len(runes), utf8.RuneCountInString(s))
	}
	if string(runes) != out {
		t.Error("Convert and ConvertRunes disagree")
	}
	// Line breaks and ASCII sit at the same rune offsets, so offsets found in
	// the output address the same spans of the input.
	in := []rune(s)
	for i, r := range in {
		if r < utf8.RuneSelf && runes[i] != r {
			t.Fatalf("rune %d: %q became %q", i, r, runes[i])
		}
	}
	// Invalid UTF-8 keeps the rune count too.
	bad := "縣\xff\xfe委\xe5幹部"
	if got, want := utf8.RuneCountInString(Convert(bad)), utf8.RuneCountInString(bad); got != want {
		t.Errorf("invalid UTF-8: %d runes out, %d in", got, want)
	}
}

// TestAgreesWithOpenCC runs the opencc CLI (Debian package opencc) on the
// same sample and requires identical output.
func TestAgreesWithOpenCC(t *testing.T) {
	bin, err := exec.LookPath("opencc")
	if err != nil {
		t.Skip("opencc CLI not installed (apt-get install opencc); skipping agreement check")
	}
	s := sample(t)
	in := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(in, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(bin, "-c", "t2s.json", "-i", in).Output()
	if err != nil {
		t.Fatalf("opencc: %v", err)
	}
	got := Convert(s)
	if n, first := diffRunes(got, string(want)); n != 0 {
		t.Errorf("%d of %d characters differ from opencc; first at rune %d", n, utf8.RuneCountInString(s), first)
	}
}

// diffRunes counts positions where a and b hold different runes (a length
// difference counts as differing runes) and returns the first such position.
func diffRunes(a, b string) (n, first int) {
	ra, rb := []rune(a), []rune(b)
	first = -1
	for i := range max(len(ra), len(rb)) {
		if i >= len(ra) || i >= len(rb) || ra[i] != rb[i] {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	return n, first
}

// TestConvertFile is a helper for data/compare.sh, not a regular test: it
// converts $T2S_IN to $T2S_OUT the way `opencc -i IN -o OUT` does, or, with
// $T2S_DIFF="A B", prints how many characters of files A and B differ.
func TestConvertFile(t *testing.T) {
	if pair := os.Getenv("T2S_DIFF"); pair != "" {
		a, b, _ := strings.Cut(pair, " ")
		da, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		db, err := os.ReadFile(b)
		if err != nil {
			t.Fatal(err)
		}
		n, first := diffRunes(string(da), string(db))
		fmt.Printf("differing characters: %d of %d\n", n, utf8.RuneCount(da))
		if n > 0 {
			fmt.Printf("first difference at rune %d\n", first)
		}
		return
	}
	in, out := os.Getenv("T2S_IN"), os.Getenv("T2S_OUT")
	if in == "" || out == "" {
		t.Skip("helper for data/compare.sh; set T2S_IN and T2S_OUT")
	}
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	get()
	start := time.Now() // reported, not asserted
	conv := Convert(string(data))
	el := time.Since(start)
	fmt.Printf("Convert alone: %.3f s, %.1f MB/s\n", el.Seconds(), float64(len(data))/1e6/el.Seconds())
	if err := os.WriteFile(out, []byte(conv), 0o644); err != nil {
		t.Fatal(err)
	}
}

func benchText(b *testing.B) string {
	campaign, err := os.ReadFile("testdata/campaign_hant.txt")
	if err != nil {
		b.Fatal(err)
	}
	// About one 8 KB report, the pipeline's typical document.
	return string(bytes.Repeat(campaign, 3))
}

func BenchmarkConvert(b *testing.B) {
	s := benchText(b)
	get()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Convert(s)
	}
}

func BenchmarkConvertRunes(b *testing.B) {
	src := []rune(benchText(b))
	dst := make([]rune, 0, len(src))
	get()
	b.SetBytes(int64(len(string(src))))
	b.ReportAllocs()
	for b.Loop() {
		dst = ConvertRunes(dst[:0], src)
	}
}

func BenchmarkConvertSimplified(b *testing.B) {
	s := Convert(benchText(b))
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Convert(s)
	}
}

// BenchmarkLoad is the one-off cost of the first Convert in a process.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := load(phrasesTxt, charactersTxt); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCountTraditional: the one-pass count Script uses agrees with
// IsTraditional rune by rune (ideographs only; 干 and 著 have no different
// simplified form; Latin, digits and punctuation are not ideographs).
func TestCountTraditional(t *testing.T) {
	for _, s := range []string{"", "abc 123，。", "乾發後干著台", "縣公安局掃黑除惡專項鬥爭工作總結", "县公安局扫黑除恶专项斗争工作总结", "㐀䶵乾"} {
		var han, trad int
		for _, r := range s {
			if r >= 0x3400 && r <= 0x9FFF {
				han++
				if IsTraditional(r) {
					trad++
				}
			}
		}
		if h, tr := CountTraditional([]rune(s)); h != han || tr != trad {
			t.Errorf("CountTraditional(%q) = %d, %d; want %d, %d", s, h, tr, han, trad)
		}
	}
	if h, tr := CountTraditional([]rune("乾發後干著")); h != 5 || tr != 3 {
		t.Errorf("CountTraditional(乾發後干著) = %d, %d; want 5, 3", h, tr)
	}
}
