package transform

import (
	"fmt"
	"testing"

	"github.com/reportetl/reportetl/extract"
)

func apply(t *testing.T, text string) *Result {
	t.Helper()
	doc := &extract.Document{Text: text, Pages: []extract.Page{{Number: 1, Start: 0, End: len([]rune(text))}}}
	r, err := New(nil).Apply(doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A breakdown whose parts do not add up is a quality row, not a crash and
// not a silent fix: the facts stay as written.
func TestBreakdownSumCheck(t *testing.T) {
	for _, c := range []struct {
		text   string
		checks int
	}{
		{"打掉涉恶团伙14个，其中城区6个，乡镇9个。", 1},
		{"打掉涉恶团伙15个，其中城区6个，乡镇9个。", 0},
		{"发放宣传资料5000余份，其中社区2000份，学校1000份。", 0}, // parts may list only some
		{"发放宣传资料5000余份，其中社区4000份，学校2000份。", 1}, // parts exceed an "over" total
		{"收到线索xx条，其中转办x条，举报3条。", 0},            // nothing to add up
	} {
		r := apply(t, c.text)
		if len(r.Checks) != c.checks {
			t.Errorf("%s: %d checks %v, want %d", c.text, len(r.Checks), r.Checks, c.checks)
		}
	}
}

func TestScript(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"扫黑除恶专项斗争工作总结", "hans"},
		{"掃黑除惡專項鬥爭工作總結", "hant"},
		// a simplified report whose second half was pasted from a traditional one
		{"我镇扫黑除恶专项斗争工作总结如下发放宣传单三千份召开会议五次排查线索两条在各村张贴通告組織宣講活動", "mixed"},
		{"2020 LED", "hans"},
	} {
		if got := Script([]rune(c.text)); got != c.want {
			t.Errorf("%s: %s, want %s", c.text, got, c.want)
		}
	}
}

// TestResultOutlivesRuneBuffers: Apply reuses its rune buffers for the next
// document; a Result must hold nothing that points into them (the writer
// reads results after the workers have moved on).
func TestResultOutlivesRuneBuffers(t *testing.T) {
	first := "城關鎮掃黑除惡專項鬥爭工作總結\n2020年，我鎮共懸掛橫幅200餘條，發放宣傳單3000份，摸排線索12條。\n城關鎮人民政府\n2020年12月20日\n"
	r := apply(t, first)
	want := fmt.Sprintf("%+v %+v", r.Meta, r.Facts)
	if len(r.Facts) < 3 {
		t.Fatalf("only %d facts from the first document: %+v", len(r.Facts), r.Facts)
	}
	for range 20 {
		apply(t, "某县教育局扫黑除恶工作汇报\n2021年，全局共发放宣传资料8888份，开展专题讲座66场。\n")
		apply(t, first)
	}
	if got := fmt.Sprintf("%+v %+v", r.Meta, r.Facts); got != want {
		t.Fatalf("the first result changed after later documents:\n got %s\nwant %s", got, want)
	}
}
