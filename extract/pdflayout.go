package extract

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Layout: placed glyphs → lines (grouped by baseline, ordered top to bottom
// and left to right) → paragraphs. Chinese has no spaces between words, so
// a space is inserted only for a real gap, and a line wrapped at the right
// margin is joined to the next without a space when either side is CJK.

type textLine struct {
	y, x0, x1, size float64
	text            string
}

func isCJK(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFFEF || r >= 0x20000 && r <= 0x3FFFF
}

func layoutLines(gs []placedGlyph) []textLine {
	if len(gs) == 0 {
		return nil
	}
	// Fake bold (the same glyph drawn twice, slightly shifted) is dropped.
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var lines []textLine
	start := 0
	flush := func(end int) {
		seg := gs[start:end]
		sort.SliceStable(seg, func(i, j int) bool { return seg[i].x < seg[j].x })
		var sb strings.Builder
		var size float64
		for _, g := range seg {
			size = max(size, g.size)
		}
		if size <= 0 {
			size = 1
		}
		prevEnd, prevX := math.Inf(-1), math.Inf(-1)
		var prevText string
		var last rune
		for _, g := range seg {
			if g.text == prevText && math.Abs(g.x-prevX) < 0.2*size {
				continue
			}
			if strings.TrimSpace(g.text) == "" {
				// Space glyphs are judged by geometry like any gap: some
				// producers put one after every Chinese character.
				continue
			}
			first, _ := utf8.DecodeRuneInString(g.text)
			if sb.Len() > 0 && last != ' ' && first != ' ' {
				gap := g.x - prevEnd
				limit := 0.2 * size
				if isCJK(last) || isCJK(first) {
					limit = 0.9 * size
				}
				if gap > limit {
					sb.WriteByte(' ')
				}
			}
			sb.WriteString(g.text)
			last, _ = utf8.DecodeLastRuneInString(g.text)
			prevEnd = max(prevEnd, g.x+g.adv)
			prevX, prevText = g.x, g.text
		}
		t := strings.TrimSpace(sb.String())
		if t != "" {
			lines = append(lines, textLine{y: seg[0].y, x0: seg[0].x, x1: prevEnd, size: size, text: t})
		}
		start = end
	}
	for i := 1; i < len(gs); i++ {
		tol := 0.35 * max(gs[i].size, gs[start].size, 1)
		if math.Abs(gs[i].y-gs[start].y) > tol {
			flush(i)
		}
	}
	flush(len(gs))
	return lines
}

var pageNumberRe = regexp.MustCompile(`^(?:[-—–_·•\s]*\d{1,4}[-—–_·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?|[-—–]\s*[ivxlc]{1,6}\s*[-—–])$`)

var digitsRe = regexp.MustCompile(`\d+`)

// dropFurniture removes running headers, footers and page numbers: a line
// in the top or bottom band of the page that is a page number, or whose
// text (digits ignored) recurs in that band on other pages.
func dropFurniture(pages [][]textLine, heights []float64) {
	type key struct {
		top  bool
		text string
	}
	count := map[key]int{}
	band := func(l textLine, h float64) (top, bottom bool) {
		if h <= 0 {
			h = 842
		}
		return l.y > h*0.90, l.y < h*0.10
	}
	for p, ls := range pages {
		seen := map[key]bool{}
		for _, l := range edgeLines(ls) {
			top, bottom := band(l, heights[p])
			if !top && !bottom {
				continue
			}
			k := key{top, digitsRe.ReplaceAllString(l.text, "#")}
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	for p, ls := range pages {
		edges := map[int]bool{}
		for _, i := range edgeIdx(ls) {
			edges[i] = true
		}
		out := ls[:0]
		for i, l := range ls {
			if edges[i] {
				top, bottom := band(l, heights[p])
				if top || bottom {
					if pageNumberRe.MatchString(strings.TrimSpace(l.text)) {
						continue
					}
					if len(pages) >= 2 && count[key{top, digitsRe.ReplaceAllString(l.text, "#")}] >= need {
						continue
					}
				}
			}
			out = append(out, l)
		}
		pages[p] = out
	}
}

// edgeIdx: the first two and last two lines of a page (lines are top to bottom).
func edgeIdx(ls []textLine) []int {
	var idx []int
	for i := range ls {
		if i < 2 || i >= len(ls)-2 {
			idx = append(idx, i)
		}
	}
	return idx
}

func edgeLines(ls []textLine) []textLine {
	var out []textLine
	for _, i := range edgeIdx(ls) {
		out = append(out, ls[i])
	}
	return out
}

// joinLines makes paragraphs: a line that reaches the right margin continues
// on the next line unless that one is indented or far below.
func joinLines(ls []textLine) (text string, continues bool) {
	if len(ls) == 0 {
		return "", false
	}
	left, right := math.Inf(1), math.Inf(-1)
	for _, l := range ls {
		left = min(left, l.x0)
		right = max(right, l.x1)
	}
	// The right margin is only known when at least two lines reach it.
	reach := 0
	for _, l := range ls {
		if l.x1 >= right-2.5*l.size {
			reach++
		}
	}
	if reach < 2 {
		right = math.Inf(1)
	}
	var sb strings.Builder
	for i, l := range ls {
		sb.WriteString(l.text)
		if i == len(ls)-1 {
			break
		}
		n := ls[i+1]
		full := l.x1 >= right-2.5*l.size
		indented := n.x0 > left+1.2*n.size
		gap := l.y - n.y
		far := gap > 2.2*max(l.size, n.size) || gap < 0
		lr, _ := utf8.DecodeLastRuneInString(l.text)
		nr, _ := utf8.DecodeRuneInString(n.text)
		if full && !indented && !far && !endsParagraph(lr) {
			if !isCJK(lr) && !isCJK(nr) && unicode.IsLetter(lr) && unicode.IsLetter(nr) {
				sb.WriteByte(' ')
			}
			continue
		}
		sb.WriteByte('\n')
	}
	last := ls[len(ls)-1]
	lr, _ := utf8.DecodeLastRuneInString(last.text)
	continues = last.x1 >= right-2.5*last.size && !endsParagraph(lr) && len(ls) > 1
	return sb.String(), continues
}

func endsParagraph(r rune) bool {
	return strings.ContainsRune("。！？!?", r)
}

// startsIndented reports whether a page's first line is indented (a new
// paragraph), for joining a paragraph across a page break.
func startsIndented(ls []textLine) bool {
	if len(ls) < 2 {
		return true
	}
	left := math.Inf(1)
	for _, l := range ls {
		left = min(left, l.x0)
	}
	return ls[0].x0 > left+1.2*ls[0].size
}

// fixRadicals maps CJK Radicals Supplement characters to ideographs; the
// Kangxi block is left to NFKC in Clean.
func fixRadicals(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x2E80 && r <= 0x2EFF }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if u, ok := radicalSupplement[r]; ok {
			return u
		}
		return r
	}, s)
}

// pageQuality is the quality gate: the share of characters that mean the
// text layer did not decode (U+FFFD, private use, control characters, and
// Latin-1 letters that in a Chinese report are GBK/Big5 bytes read as
// Windows-1252).
func pageQuality(s string) string {
	var total, bad, latin1 int
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		switch {
		case r == '\uFFFD', r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000, r < 0x20, r >= 0x7F && r < 0xA0:
			bad++
		case r >= 0xA0 && r <= 0xFF && r != '×' && r != '·' && r != '°' && r != '§' && r != '÷':
			latin1++
		}
	}
	if total == 0 {
		return "no_text"
	}
	// Mojibake comes in runs: a share of Latin-1 letters that real text in
	// these reports never has.
	if float64(bad)/float64(total) > 0.10 || total >= 8 && float64(latin1)/float64(total) > 0.25 || float64(bad+latin1)/float64(total) > 0.30 {
		return "garbled"
	}
	return "ok"
}
