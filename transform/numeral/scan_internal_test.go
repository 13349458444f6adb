package numeral

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// The bitsets that let Scan and the scanner skip work must agree with the
// functions they stand for, on every rune.
func TestFastPathTables(t *testing.T) {
	for r := rune(-2); r < 0x10000+2; r++ {
		if fold(r) != foldSlow(r) {
			t.Fatalf("fold(%U) = %U, foldSlow %U", r, fold(r), foldSlow(r))
		}
		if got, want := bit(&rawTrigger, r), isTrigger(fold(r)); got != want {
			t.Fatalf("rawTrigger(%U) = %v, want %v", r, got, want)
		}
		if got, want := bit(&unitFirst, fold(r)), len(unitIndex[fold(r)]) > 0; got != want {
			t.Fatalf("unitFirst(%U) = %v, want %v", r, got, want)
		}
		if bit(&unitFirst, r) && !reflect.DeepEqual(unitsFrom(r), unitIndex[r]) {
			t.Fatalf("unitsFrom(%U) = %v, want %v", r, unitsFrom(r), unitIndex[r])
		}
		if got, want := bit(&rawNumeral, r), numeralStart(fold(r)); got != want || want && !isTrigger(fold(r)) {
			t.Fatalf("rawNumeral(%U) = %v, want %v (and a trigger)", r, got, want)
		}
		// A trigger that is no numeral start only starts lexicon words:
		// matchNum must fail there, whatever follows.
		if isTrigger(fold(r)) && !bit(&rawNumeral, r) {
			for _, next := range []rune{'0', '一', '个', '条', 0} {
				s := scanner{t: []rune{r, next, '条'}}
				var n Number
				if s.matchNum(0, &n) {
					t.Fatalf("matchNum matches at %U, which rawNumeral does not mark", r)
				}
			}
		}
	}
	for k, es := range lexIndex {
		if !mayStartLex(k[0], k[1]) {
			t.Fatalf("lexicon pair %q missing from the filter", string(k[:]))
		}
		for _, e := range es {
			if e.s[0] != k[0] || e.s[1] != k[1] {
				t.Fatalf("lexicon word %q under %q", string(e.s), string(k[:]))
			}
		}
	}
}

// scanEveryTrigger is Scan as it was before the skip filters: match is
// tried at every rune whose fold is a trigger.
func scanEveryTrigger(text []rune) []Number {
	s := scanner{t: text}
	var out []Number
	for i := 0; i < len(text); {
		if !isTrigger(fold(text[i])) {
			i++
			continue
		}
		var n Number
		if !s.match(i, &n) {
			i++
			continue
		}
		n.Text = string(text[n.Start:n.End])
		if n.Kind != KindCount && n.Reason == "" {
			n.Reason = string(n.Kind) + " " + n.Text
		} else if n.Reason != "" && n.Reason[len(n.Reason)-1] == ' ' {
			n.Reason += n.Text
		}
		out = append(out, n)
		next := max(n.End, n.UnitEnd)
		if next <= i {
			next = i + 1
		}
		s.lo = next
		i = next
	}
	return out
}

// Scan's skip filters (raw-rune triggers, the lexicon pair filter) must
// not change what is found: random text dense in numerals, lexicon words,
// full-width and traditional forms.
func TestScanSkipsNothing(t *testing.T) {
	alphabet := []rune("一二两兩三十百千万萬亿0123456789０１２３xXｘ×*＊（(【[第上数數几幾①⑳" +
		"条條个個份场場次人余餘多约約近以上下左右之年月日号点點时時%％，,。；：:、 \n" +
		"统唯同单中全村进其首初星周成零报告线索宣传公开信一是起案件学生四个意识两会委boé）]】")
	r := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 20000; k++ {
		text := make([]rune, 1+r.IntN(24))
		for i := range text {
			text[i] = alphabet[r.IntN(len(alphabet))]
		}
		got, want := Scan(text), scanEveryTrigger(text)
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", string(text), got, want)
		}
	}
	for _, c := range corpus {
		text := []rune(c.in)
		if got, want := Scan(text), scanEveryTrigger(text); len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", c.in, got, want)
		}
	}
}

// ScanAppend appends after what dst holds and leaves it alone.
func TestScanAppend(t *testing.T) {
	text := []rune("悬挂横幅200余条，发放宣传单一千余份")
	want := Scan(text)
	dst := []Number{{Text: "keep"}}
	got := ScanAppend(dst, text)
	if got[0].Text != "keep" || !reflect.DeepEqual(got[1:], want) {
		t.Fatalf("got %+v, want keep + %+v", got, want)
	}
}

// withText builds what prefix + string(rs) builds, invalid runes included.
func TestWithText(t *testing.T) {
	for _, rs := range [][]rune{nil, []rune("200余条"), {'a', 0xD800, '一', -1, 0x110000, 0x1F600, 'é'}} {
		for _, prefix := range []string{"", "word ", "heading "} {
			reason, text := withText(prefix, rs)
			if reason != prefix+string(rs) || text != string(rs) {
				t.Errorf("withText(%q, %q) = %q, %q", prefix, string(rs), reason, text)
			}
		}
	}
}

// FuzzScanSkipsNothing: on any text, Scan finds what trying every trigger
// finds.
func FuzzScanSkipsNothing(f *testing.F) {
	f.Add("悬挂横幅200余条，发放宣传单一千余份，统一部署，中央八项规定，全国两会")
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		got, want := Scan(text), scanEveryTrigger(text)
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", s, got, want)
		}
	})
}

// checkLean fails unless ScanLean finds what ScanAppend finds, with no
// Text and a Reason that is a prefix of ScanAppend's.
func checkLean(t *testing.T, text []rune) {
	t.Helper()
	full, lean := ScanAppend(nil, text), ScanLean(nil, text)
	if len(full) != len(lean) {
		t.Fatalf("%q: ScanLean found %d numbers, ScanAppend %d", string(text), len(lean), len(full))
	}
	for k := range full {
		f, l := full[k], lean[k]
		if l.Text != "" || !strings.HasPrefix(f.Reason, l.Reason) {
			t.Fatalf("%q: lean Text %q, Reason %q (full %q)", string(text), l.Text, l.Reason, f.Reason)
		}
		f.Text, f.Reason, l.Reason = "", "", ""
		if f != l {
			t.Fatalf("%q:\n lean %+v\n full %+v", string(text), l, f)
		}
	}
	checkAt(t, text, ScanLean(nil, text))
}

// checkAt fails unless ScanLeanAt finds lean given the positions of the
// Trigger runes, or every position, of text.
func checkAt(t *testing.T, text []rune, lean []Number) {
	t.Helper()
	var trig, every []int32
	for i, r := range text {
		if Trigger(r) {
			trig = append(trig, int32(i))
		}
		every = append(every, int32(i))
	}
	for _, at := range [][]int32{trig, every} {
		if got := ScanLeanAt(nil, text, at); !reflect.DeepEqual(got, lean) && (len(got) > 0 || len(lean) > 0) {
			t.Fatalf("%q: at %v:\n got %+v\nwant %+v", string(text), at, got, lean)
		}
	}
}

// ScanLean differs from ScanAppend only in the strings it leaves out: on
// the table corpus and on random text dense in numerals and lexicon words.
func TestScanLean(t *testing.T) {
	for _, c := range corpus {
		checkLean(t, []rune(c.in))
	}
	alphabet := []rune("一二两兩三十百千万萬亿0123456789０１２３xXｘ×*＊（(【[第上数數几幾①⑳" +
		"条條个個份场場次人余餘多约約近以上下左右之年月日号点點时時%％，,。；：:、 \n" +
		"统唯同单中全村进其首初星周成零报告线索宣传公开信一是起案件学生四个意识两会委大")
	r := rand.New(rand.NewPCG(5, 6))
	for k := 0; k < 20000; k++ {
		text := make([]rune, 1+r.IntN(24))
		for i := range text {
			text[i] = alphabet[r.IntN(len(alphabet))]
		}
		checkLean(t, text)
	}
}

func FuzzScanLean(f *testing.F) {
	f.Add("悬挂横幅200余条，发放宣传单一千余份，统一部署，中央八项规定，全国两会，一起学生校园贷")
	f.Fuzz(func(t *testing.T, s string) { checkLean(t, []rune(s)) })
}
