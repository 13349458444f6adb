// Package facts finds the numbers of DESIGN.md's metric taxonomy in a
// document: which metric, what value and qualifier, which year, and the
// clause that is its evidence. The taxonomy and its cue words are data
// (rules.yaml, embedded; --rules FILE overrides it).
package facts

import (
	_ "embed"
	"fmt"
	"math/bits"
	"os"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed rules.yaml
var defaultRules []byte

// Rules is the decoded rules file.
type Rules struct {
	Version      string   `yaml:"version"`
	Units        []string `yaml:"units"`
	RejectBefore []string `yaml:"reject_before"`
	RejectAfter  []string `yaml:"reject_after"`
	ClauseBreaks string   `yaml:"clause_breaks"`
	WindowBefore int      `yaml:"window_before"`
	WindowAfter  int      `yaml:"window_after"`
	Negation     struct {
		Triggers []string `yaml:"triggers"`
		Window   int      `yaml:"window"`
		Metrics  []string `yaml:"metrics"`
		Unless   []string `yaml:"unless"`
		Prefer   []string `yaml:"prefer"`
		NotHeads []string `yaml:"not_heads"`
	} `yaml:"negation"`
	// Destinations: organisations after a transfer verb (移交公安机关).
	Destinations []string `yaml:"destinations"`
	// SumWords open a clause that sums up the previous one (共计36份).
	SumWords []string `yaml:"sum_words"`
	// NegateOne before 一+classifier make it "not even one" (未排查出一条).
	NegateOne []string `yaml:"negate_one"`
	// Disposition words mark a 其中 part as what happened to some items
	// (正在核查, 已立案), not a category of the total.
	Disposition []string `yaml:"disposition"`
	// Future words in a number's clause before it make it a plan, not a
	// result (将于第三季度开展一轮督导).
	Future []string `yaml:"future"`
	// SomeUnits make a negated count about some sub-units only (有的所没有上报一条线索).
	SomeUnits  []string `yaml:"some_units"`
	ZeroReport struct {
		Cue    string   `yaml:"cue"`
		Metric string   `yaml:"metric"`
		Unless []string `yaml:"unless"`
	} `yaml:"zero_report"`
	NonCues []string `yaml:"non_cues"`
	// CueAfterBlockers: nouns that, standing between a number's unit and a
	// later cue, are what the number counts (5个县区线索零报告).
	CueAfterBlockers []string `yaml:"cue_after_blockers"`
	// VerbalUnits count actions (次, 轮): their cue may follow the objects.
	VerbalUnits []string `yaml:"verbal_units"`
	// EventUnits count events (起, 件): their noun may end a long clause.
	EventUnits      []string `yaml:"event_units"`
	WindowAfterLong int      `yaml:"window_after_long"`
	Breakdown       []string `yaml:"breakdown"`
	Each            string   `yaml:"each"`
	EachVerbs       []string `yaml:"each_verbs"`
	Metrics         []Metric `yaml:"metrics"`
}

// Metric is one taxonomy entry.
type Metric struct {
	ID       string   `yaml:"id"`
	Category string   `yaml:"category"`
	Cues     []string `yaml:"cues"`
	Verbs    []string `yaml:"verbs"`
	Units    []string `yaml:"units"`
	UnitCues []string `yaml:"unit_cues"`
	Default  bool     `yaml:"default"`
	// DefaultFor names cues for which this metric is the default when no
	// verb decides (群众举报线索 → leads received).
	DefaultFor []string `yaml:"default_for"`
	// Overrides lists generic metrics this one wins over when both cues
	// name one noun phrase (涉恶 + 刑事案件).
	Overrides []string `yaml:"overrides"`
	// Copies marks documents handed out in copies (公开信, 宣传单): "一封
	// 公开信" names the document, it does not count copies.
	Copies bool `yaml:"copies"`

	units      map[string]bool
	defaultFor map[string]bool
}

var categories = map[string]bool{"publicity": true, "leads": true, "cases": true, "org": true}

// Parse decodes and validates a rules file, with messages that say where.
func Parse(data []byte) (*Rules, error) {
	var r Rules
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if r.WindowBefore <= 0 {
		r.WindowBefore = 40
	}
	if r.WindowAfter <= 0 {
		r.WindowAfter = 24
	}
	if r.WindowAfterLong <= 0 {
		r.WindowAfterLong = 60
	}
	if r.Negation.Window <= 0 {
		r.Negation.Window = 16
	}
	if r.ClauseBreaks == "" {
		r.ClauseBreaks = "，,；;。！!？?：:\n"
	}
	if len(r.Metrics) == 0 {
		return nil, fmt.Errorf("rules: no metrics")
	}
	ids := map[string]bool{}
	units := map[string]bool{}
	for _, u := range r.Units {
		units[u] = true
	}
	for i := range r.Metrics {
		m := &r.Metrics[i]
		where := fmt.Sprintf("rules: metrics[%d] (%s)", i, m.ID)
		switch {
		case m.ID == "":
			return nil, fmt.Errorf("%s: id is empty", where)
		case ids[m.ID]:
			return nil, fmt.Errorf("%s: duplicate id", where)
		case !strings.HasPrefix(m.ID, m.Category+"."):
			return nil, fmt.Errorf("%s: id must start with its category %q", where, m.Category+".")
		case !categories[m.Category]:
			return nil, fmt.Errorf("%s: category %q is not one of publicity, leads, cases, org", where, m.Category)
		case len(m.Cues) == 0 && len(m.UnitCues) == 0:
			return nil, fmt.Errorf("%s: needs cues", where)
		case len(m.Units) == 0:
			return nil, fmt.Errorf("%s: needs units", where)
		}
		ids[m.ID] = true
		m.defaultFor = map[string]bool{}
		for _, c := range m.DefaultFor {
			m.defaultFor[c] = true
		}
		m.units = map[string]bool{}
		for _, u := range m.Units {
			if !units[u] {
				return nil, fmt.Errorf("%s: unit %q is not in the top-level units list", where, u)
			}
			m.units[u] = true
		}
	}
	for _, id := range r.Negation.Metrics {
		if !ids[id] {
			return nil, fmt.Errorf("rules: negation.metrics: unknown metric %q", id)
		}
	}
	if r.ZeroReport.Metric != "" && !ids[r.ZeroReport.Metric] {
		return nil, fmt.Errorf("rules: zero_report.metric: unknown metric %q", r.ZeroReport.Metric)
	}
	return &r, nil
}

// LoadFile reads rules from a file (the --rules flag).
func LoadFile(path string) (*Engine, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	r, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return NewEngine(r), nil
}

var (
	defOnce sync.Once
	defEng  *Engine
)

// Default is the engine for the embedded rules.
func Default() *Engine {
	defOnce.Do(func() {
		r, err := Parse(defaultRules)
		if err != nil {
			panic("embedded rules.yaml is invalid: " + err.Error())
		}
		defEng = NewEngine(r)
	})
	return defEng
}

// DefaultRules returns the embedded rules file, for `reportetl rules` users
// who want a starting point.
func DefaultRules() []byte { return append([]byte(nil), defaultRules...) }

// trie is a longest-match dictionary. A bitset over the BMP answers "can a
// word start here?" without a map lookup: most runes of a report start no
// word, and this check runs for every rune. For a rune that can, the number
// of set bits below it (rank) indexes its root node, and the match walks
// one node per rune: 宣 alone starts some forty cues, which a scan of the
// words would compare one by one. Only first runes outside the BMP (none
// in the default rules) go through a map.
type trie struct {
	first   *[1024]uint64
	rank    *[1024]uint32 // set bits of first[:k]
	roots   []int32       // root node of each BMP first rune, by rank
	astral  map[rune]int32
	pairs   *[64]uint64 // Bloom filter over the first two runes of the words
	nodes   []tnode
	entries []entry
	build   map[string]int // word -> index in entries, while adding
}

// tnode is the state after some runes of a word: the runes that may come
// next (ascending) with their nodes, and the word ending here, if any.
type tnode struct {
	kids  []rune
	next  []int32
	entry int32 // index into entries, -1 when no word ends here
}

type entry struct {
	word  []rune
	text  string     // word as a string, made once
	vals  []int      // metric indexes (cues) or nil
	rules *ruleTexts // the Rule strings naming this cue or verb, or nil
}

func (t *trie) add(w string, v int) {
	rs := []rune(w)
	if len(rs) == 0 {
		return
	}
	if t.build == nil {
		t.build = map[string]int{}
	}
	if k, ok := t.build[w]; ok {
		if v >= 0 {
			t.entries[k].vals = append(t.entries[k].vals, v)
		}
		return
	}
	e := entry{word: rs, text: w}
	if v >= 0 {
		e.vals = []int{v}
	}
	t.build[w] = len(t.entries)
	t.entries = append(t.entries, e)
}

// sort builds the nodes from the words added (the name is from when the
// words were kept in lists sorted longest first).
func (t *trie) sort() {
	if len(t.entries) == 0 {
		return
	}
	t.first, t.rank, t.astral, t.nodes = new([1024]uint64), new([1024]uint32), nil, nil
	t.pairs = new([64]uint64)
	roots := map[rune]int32{}
	for _, e := range t.entries {
		if r := e.word[0]; r >= 0 && r < 0x10000 {
			t.first[r>>6] |= 1 << (r & 63)
		}
	}
	n := 0
	for k, w := range t.first {
		t.rank[k] = uint32(n)
		n += bits.OnesCount64(w)
	}
	t.roots = make([]int32, n)
	for k, e := range t.entries {
		r := e.word[0]
		at, ok := roots[r]
		if !ok {
			at = t.newNode()
			roots[r] = at
			if r >= 0 && r < 0x10000 {
				t.roots[t.slot(r)] = at
			} else {
				if t.astral == nil {
					t.astral = map[rune]int32{}
				}
				t.astral[r] = at
			}
		}
		for _, r := range e.word[1:] {
			nx := t.child(at, r)
			if nx < 0 {
				nx = t.newNode()
				nd := &t.nodes[at]
				p, _ := slices.BinarySearch(nd.kids, r)
				nd.kids = slices.Insert(nd.kids, p, r)
				nd.next = slices.Insert(nd.next, p, nx)
			}
			at = nx
		}
		t.nodes[at].entry = int32(k)
		if len(e.word) >= 2 {
			h := pairHash(e.word[0], e.word[1])
			t.pairs[h>>6&63] |= 1 << (h & 63)
		}
	}
}

// pairHash spreads a pair of runes over the 4096 bits of trie.pairs.
func pairHash(a, b rune) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> 20
}

func (t *trie) newNode() int32 {
	t.nodes = append(t.nodes, tnode{entry: -1})
	return int32(len(t.nodes) - 1)
}

// child is the node after rune r from node at, or -1.
func (t *trie) child(at int32, r rune) int32 {
	nd := &t.nodes[at]
	if len(nd.kids) <= 8 {
		for k, x := range nd.kids {
			if x == r {
				return nd.next[k]
			}
		}
		return -1
	}
	if k := search(nd.kids, r); k < len(nd.kids) && nd.kids[k] == r {
		return nd.next[k]
	}
	return -1
}

// slot is the index in roots of a BMP rune whose first bit is set.
func (t *trie) slot(r rune) int {
	w := t.first[r>>6]
	return int(t.rank[r>>6]) + bits.OnesCount64(w&(1<<(r&63)-1))
}

// starts reports whether some word may start with r (always true outside
// the BMP when the trie has such words).
func (t *trie) starts(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return t.first != nil && t.first[r>>6]&(1<<(r&63)) != 0
	}
	return t.astral != nil
}

// match returns the longest entry starting at text[i].
func (t *trie) match(text []rune, i int) (*entry, bool) {
	// Callers may probe just past the end (a cue ending the text); found by
	// FuzzRules (testdata/fuzz/FuzzRules/791ea1b02b7a9339).
	if i < 0 || i >= len(text) || t.first == nil {
		return nil, false
	}
	var at int32
	if r := text[i]; r >= 0 && r < 0x10000 {
		if t.first[r>>6]&(1<<(r&63)) == 0 {
			return nil, false
		}
		at = t.roots[t.slot(r)]
	} else if a, ok := t.astral[r]; ok {
		at = a
	} else {
		return nil, false
	}
	best := t.nodes[at].entry
	if best < 0 && i+1 < len(text) {
		// Most places where a first rune fits are no word: a clear bit
		// for the pair ends the search before any node is visited.
		if h := pairHash(text[i], text[i+1]); t.pairs[h>>6&63]&(1<<(h&63)) == 0 {
			return nil, false
		}
	}
	for j := i + 1; j < len(text); j++ {
		if at = t.child(at, text[j]); at < 0 {
			break
		}
		if e := t.nodes[at].entry; e >= 0 {
			best = e
		}
	}
	if best < 0 {
		return nil, false
	}
	return &t.entries[best], true // a pointer: an entry is large to copy
}

func equalRunes(a, b []rune) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func newTrie(words []string) trie {
	var t trie
	for _, w := range words {
		t.add(w, -1)
	}
	t.sort()
	return t
}
