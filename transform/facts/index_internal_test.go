package facts

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// naiveMatch is the longest word of ws at text[i], the reference for trie.
func naiveMatch(ws []string, text []rune, i int) (string, bool) {
	best := ""
	for _, w := range ws {
		if strings.HasPrefix(string(text[i:]), w) && len(w) > len(best) {
			best = w
		}
	}
	return best, best != ""
}

func TestTrieLongestMatch(t *testing.T) {
	alphabet := []rune("宣传横幅单册栏涉黑恶案件线索其中未发现\U0001F600𠀀")
	r := rand.New(rand.NewPCG(5, 6))
	for round := 0; round < 300; round++ {
		var ws []string
		var tr trie
		for k := 0; k < 1+r.IntN(30); k++ {
			w := make([]rune, 1+r.IntN(4))
			for i := range w {
				w[i] = alphabet[r.IntN(len(alphabet))]
			}
			ws = append(ws, string(w))
			tr.add(string(w), k)
		}
		tr.sort()
		text := make([]rune, 40)
		for i := range text {
			text[i] = alphabet[r.IntN(len(alphabet))]
		}
		for i := -1; i <= len(text); i++ {
			got, ok := tr.match(text, i)
			var want string
			var wok bool
			if i >= 0 && i < len(text) {
				want, wok = naiveMatch(ws, text, i)
			}
			if ok != wok || ok && got.text != want || ok && string(got.word) != want {
				t.Fatalf("words %q, text %q at %d: got %q %v, want %q %v", ws, string(text), i, got.text, ok, want, wok)
			}
			if ok {
				// vals: every index the word was added under, in order.
				var vals []int
				for k, w := range ws {
					if w == want {
						vals = append(vals, k)
					}
				}
				if !reflect.DeepEqual(got.vals, vals) {
					t.Fatalf("word %q: vals %v, want %v", want, got.vals, vals)
				}
				if i < len(text) && !tr.starts(text[i]) {
					t.Fatalf("starts(%q) false for a word start", text[i])
				}
			}
		}
	}
	var empty trie
	empty.sort()
	if _, ok := empty.match([]rune("宣传"), 0); ok || empty.starts('宣') {
		t.Fatal("an empty trie matches")
	}
}

// Words (cues, verbs, 其中) are looked for only in the sentences around
// counts and negations; the facts and rejects must be those of a scan of
// the whole text.
func TestWordsOnlyAroundNumbers(t *testing.T) {
	full := NewEngine(Default().R)
	full.wholeText = true
	sents := []string{
		"我局共悬挂横幅200余条", "发放宣传单3000份", "未排查到保护伞", "全县实现线索零报告",
		"受理线索87条", "其中涉黑3条、涉恶84条", "已办结79条", "其余3条已办结", "开展宣讲活动",
		"全县各校共组织一百八十余场", "召开会议3次", "《应知应会》《问答》各500本", "2019年10月",
		"今年发放宣传册", "去年1000份", "县扫黑办转办52条", "移交派出所2条", "排查上报线索186条",
		"一是强化组织领导", "悬挂横幅：450条", "共4,817份", "对侦办的8起涉黑案件开展一案三查",
		"有的所没有上报一条线索", "每村2条", "组织30余场巡回演出", "工作推进有力", "群众满意",
		"受理了群众的举报线索", "已办结", "暂无", "未发现", "398条", "问题", "其中",
	}
	seps := []string{"，", "。", "；", "！", "\n", "：", ",", " ", "", "", ""}
	r := rand.New(rand.NewPCG(7, 8))
	texts := []string{
		// A negation before a count in its sentence, and the cue in the
		// sentence before: the count's region starts before the negation's.
		"受理了群众的举报线索。已办结暂无398条", "受理群众举报线索。已办结未发现398条。",
	}
	for k := 0; k < 5000; k++ {
		var b strings.Builder
		for n := 1 + r.IntN(12); n > 0; n-- {
			b.WriteString(sents[r.IntN(len(sents))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		text := []rune(s)
		for _, trace := range []bool{false, true} {
			gf, gr := Default().run(text, text, 2020, trace)
			wf, wr := full.run(text, text, 2020, trace)
			if !reflect.DeepEqual(gf, wf) || !reflect.DeepEqual(gr, wr) {
				t.Fatalf("%q (trace %v):\n got %+v\n     %+v\nwant %+v\n     %+v", string(text), trace, gf, gr, wf, wr)
			}
		}
	}
}

// A word holding a sentence break could cross from one sentence into the
// next: then the whole text is scanned for words.
func TestWholeTextWhenWordHoldsBreak(t *testing.T) {
	if Default().wholeText {
		t.Fatal("the default rules hold no word with a sentence break")
	}
	r := *Default().R
	r.NonCues = append(append([]string(nil), r.NonCues...), "报告。横幅")
	if !NewEngine(&r).wholeText {
		t.Fatal("a non-cue holding 。 must make the engine scan the whole text")
	}
}

// FuzzWordsOnlyAroundNumbers: on any text, looking for words only around
// counts and negations finds what a scan of the whole text finds.
func FuzzWordsOnlyAroundNumbers(f *testing.F) {
	for _, s := range []string{
		"受理线索400条。已办结398条，其中移交派出所2条", "开展宣讲活动，全县各校共组织一百八十余场。",
		"未发现职工参与黑恶势力或充当保护伞问题。6个乡镇仍是零报告", "悬挂横幅：450条\n共4,817份",
	} {
		f.Add(s)
	}
	full := NewEngine(Default().R)
	full.wholeText = true
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		gf, gr := Default().run(text, text, 2020, true)
		wf, wr := full.run(text, text, 2020, true)
		if !reflect.DeepEqual(gf, wf) || !reflect.DeepEqual(gr, wr) {
			t.Fatalf("%q:\n got %+v\n     %+v\nwant %+v\n     %+v", s, gf, gr, wf, wr)
		}
	})
}

// add's struct key must tell facts apart exactly when the joined text
// "metric|value|qualifier|evidence" it replaced does.
func TestFactKeyMatchesJoinedKey(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, 1.5, 100, 1e21, math.NaN(), math.Float64frombits(math.Float64bits(math.NaN()) + 1), math.Inf(1)}
	var facts []Fact
	for _, m := range []string{"cases.filed", "leads.received"} {
		for _, q := range []string{"exact", "over"} {
			for _, ev := range []string{"受理线索87条", "受理线索87条 ", ""} {
				facts = append(facts, Fact{Metric: m, Qualifier: q, Evidence: ev, Value: 3})
				for _, v := range values {
					facts = append(facts, Fact{Metric: m, Qualifier: q, Evidence: ev, Value: v, HasValue: true})
				}
			}
		}
	}
	d := &doc{e: &Engine{}, seen: map[factKey]bool{}}
	for _, a := range facts {
		for _, b := range facts {
			clear(d.seen)
			d.facts = d.facts[:0]
			d.add(a)
			d.add(b)
			if dup, want := len(d.facts) == 1, joinedKey(a) == joinedKey(b); dup != want {
				t.Fatalf("%+v then %+v: repeat %v, joined keys equal %v", a, b, dup, want)
			}
		}
	}
}

// evidenceText trims runes, not the string they convert to: the same text,
// invalid runes (which convert to U+FFFD) included.
func TestEvidenceText(t *testing.T) {
	alphabet := []rune{' ', '\t', '\n', '\u3000', '\u00a0', '\u0085', '\u2028', 0xD800, -1, 0x110000, '\ufffd', '案', 'a', '1'}
	r := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 20000; k++ {
		text := make([]rune, r.IntN(8))
		for i := range text {
			text[i] = alphabet[r.IntN(len(alphabet))]
		}
		a := r.IntN(len(text) + 1)
		b := a + r.IntN(len(text)-a+1)
		d := &doc{orig: text}
		if got, want := d.evidenceText(a, b), strings.TrimSpace(string(text[a:b])); got != want {
			t.Fatalf("%q [%d:%d]: %q, want %q", string(text), a, b, got, want)
		}
	}
}

func TestSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for k := 0; k < 20000; k++ {
		a := make([]int32, r.IntN(12))
		for i := range a {
			a[i] = int32(r.IntN(20))
		}
		slices.Sort(a)
		x := int32(r.IntN(24) - 2)
		if got, want := search(a, x), func() int { k, _ := slices.BinarySearch(a, x); return k }(); got != want {
			t.Fatalf("search(%v, %d) = %d, want %d", a, x, got, want)
		}
	}
}

// hitsOf keeps the runes whose class has hitAny, and those outside the BMP.
func TestHitsOf(t *testing.T) {
	class := &Default().hitClass
	alphabet := []rune{'案', '件', '，', '。', '3', '未', '\n', 0x10000 + '，', 0x1F600, -1, 0x110000, 0xD800}
	r := rand.New(rand.NewPCG(9, 10))
	for k := 0; k < 20000; k++ {
		text := make([]rune, r.IntN(10))
		for i := range text {
			text[i] = alphabet[r.IntN(len(alphabet))]
		}
		var want []int32
		for i, c := range text {
			if uint32(c) >= 0x10000 || class[c]&hitAny != 0 {
				want = append(want, int32(i))
			}
		}
		hits := make([]int32, len(text))
		if got := hits[:hitsOf(class, text, hits)]; !slices.Equal(got, want) {
			t.Fatalf("%q: hits %v, want %v", string(text), got, want)
		}
	}
}

// partHits keeps in hits those with hitScan or outside the BMP, and puts
// those with hitTrig (with any outside the BMP) in trigs.
func TestPartHits(t *testing.T) {
	class := &Default().hitClass
	alphabet := []rune{'案', '件', '，', '。', '3', '三', '未', '\n', 0x10000 + '，', 0x10000 + '3', 0x1F600, -1, 0x110000, 0xD800}
	r := rand.New(rand.NewPCG(11, 12))
	for k := 0; k < 20000; k++ {
		text := make([]rune, r.IntN(10))
		for i := range text {
			text[i] = alphabet[r.IntN(len(alphabet))]
		}
		hits := make([]int32, len(text))
		hits = hits[:hitsOf(class, text, hits)]
		var want, wantTrig []int32
		for _, i := range hits {
			c := text[i]
			if uint32(c) >= 0x10000 || class[c]&hitScan != 0 {
				want = append(want, i)
			}
			if uint32(c) < 0x10000 && class[c]&hitTrig != 0 {
				wantTrig = append(wantTrig, i)
			}
		}
		got, trigs := partHits(class, text, hits, make([]int32, len(text)))
		gotTrig := slices.DeleteFunc(slices.Clone(trigs), func(i int32) bool { return uint32(text[i]) >= 0x10000 })
		if !slices.Equal(got, want) || !slices.Equal(gotTrig, wantTrig) {
			t.Fatalf("%q: %v %v, want %v %v", string(text), got, gotTrig, want, wantTrig)
		}
	}
}
