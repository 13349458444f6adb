package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// pdfGlyph is one decoded character code.
type pdfGlyph struct {
	text  string
	w     float64 // advance in text space units (per unit font size)
	space bool    // single-byte code 32: word spacing applies
}

// pdfFont decodes the strings of one font: ToUnicode first, then the
// predefined CJK CMaps, then the simple-font encodings, with GBK bytes behind
// a WinAnsi font with a Chinese name reinterpreted as GBK.
type pdfFont struct {
	simple   bool
	toUni    *toUnicode
	pre      *predefinedCMap
	encSpace []codeSpace // from an embedded encoding CMap
	identity bool        // Identity-H/V: 2-byte codes = CIDs
	simpleCh [256]string // simple-font code → text (when no ToUnicode hit)
	gbk      bool        // simple font whose bytes are GBK
	// Widths.
	firstChar int
	widths    []float64
	missingW  float64
	cidW      map[uint32]float64
	dw        float64
	scale     float64 // glyph units → text space (1/1000, or Type3 FontMatrix)
}

const maxFontNameBytes = 256

var chineseFontName = regexp.MustCompile(`(?i)sim(sun|hei|fang|kai|li|you)|nsimsun|fangsong|kaiti|songti|heiti|stsong|stkaiti|stheiti|stfangsong|stzhongsong|stxihei|fz[a-z]|gb2312|gbk|xiaobiaosong|biaosong|youyuan|lisu|microsoftyahei|yahei|dengxian|mingliu|pmingliu|msung|mhei|dfkai|adobesong|adobeheiti|adobefangsong|adobekaiti|huawen|hanyi|wenquanyi|notosanscjk|sourcehan|songti|kai|song|hei`)

// fontIsChinese tells from a BaseFont name (often GBK bytes as #xx escapes,
// e.g. /#CB#CE#CC#E5 for 宋体) whether a font is Chinese.
func fontIsChinese(name string) bool {
	if len(name) > maxFontNameBytes {
		name = name[:maxFontNameBytes]
	}
	if chineseFontName.MatchString(name) {
		return true
	}
	hasHigh := false
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			hasHigh = true
			break
		}
	}
	if !hasHigh {
		return false
	}
	if s, err := simplifiedchinese.GBK.NewDecoder().String(name); err == nil && hanCount(s) > 0 {
		return true
	}
	return hanCount(name) > 0 // UTF-8 names
}

func loadFont(raw []byte, f pdf.Value, maxStream int64) *pdfFont {
	ft := &pdfFont{scale: 0.001, dw: 1000}
	sub := f.Key("Subtype").Name()
	if tu := f.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if b, _ := streamBytes(raw, tu, maxStream); len(b) > 0 {
			ft.toUni = parseToUnicode(b)
		}
	}
	if sub == "Type0" {
		enc := f.Key("Encoding")
		switch enc.Kind() {
		case pdf.Name:
			n := enc.Name()
			if n == "Identity-H" || n == "Identity-V" {
				ft.identity = true
			} else {
				ft.pre = predefined(n)
			}
		case pdf.Stream:
			if u := enc.Key("UseCMap"); u.Kind() == pdf.Name {
				ft.pre = predefined(u.Name())
			}
			if b, _ := streamBytes(raw, enc, maxStream); len(b) > 0 {
				ft.encSpace = parseToUnicode(b).spaces
			}
			if ft.pre == nil && len(ft.encSpace) == 0 {
				ft.identity = true
			}
		default:
			ft.identity = true
		}
		d := f.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			ft.dw = dw.Float64()
		}
		ft.cidW = readCIDWidths(d.Key("W"))
		return ft
	}
	ft.simple = true
	if sub == "Type3" {
		if m := f.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
			ft.scale = m.Index(0).Float64()
		}
	}
	ft.firstChar = int(f.Key("FirstChar").Int64())
	if w := f.Key("Widths"); w.Kind() == pdf.Array {
		n := min(w.Len(), 256)
		ft.widths = make([]float64, n)
		for i := range n {
			ft.widths[i] = w.Index(i).Float64()
		}
	}
	ft.missingW = f.Key("FontDescriptor").Key("MissingWidth").Float64()
	if ft.missingW == 0 && len(ft.widths) == 0 {
		ft.missingW = 500
		if sub == "Type3" {
			ft.missingW = 0.5 / ft.scale
		}
	}
	// Encoding of a simple font.
	base := charmap.Windows1252
	var diffs pdf.Value
	enc := f.Key("Encoding")
	encName := enc.Name()
	if enc.Kind() == pdf.Dict {
		encName = enc.Key("BaseEncoding").Name()
		diffs = enc.Key("Differences")
	}
	switch encName {
	case "MacRomanEncoding":
		base = charmap.Macintosh
	}
	for c := range 256 {
		if c < 0x80 {
			ft.simpleCh[c] = string(rune(c))
		} else {
			ft.simpleCh[c] = string(base.DecodeByte(byte(c)))
		}
	}
	if diffs.Kind() == pdf.Array {
		code := 0
		for i := 0; i < diffs.Len() && i < 4096; i++ {
			v := diffs.Index(i)
			switch v.Kind() {
			case pdf.Integer:
				code = int(v.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					if r, ok := glyphRune(v.Name()); ok {
						ft.simpleCh[code] = string(r)
					} else {
						ft.simpleCh[code] = "\uFFFD"
					}
				}
				code++
			}
		}
	}
	if ft.toUni == nil && diffs.IsNull() && sub != "Type3" && fontIsChinese(f.Key("BaseFont").Name()) {
		ft.gbk = true
	}
	return ft
}

func readCIDWidths(w pdf.Value) map[uint32]float64 {
	if w.Kind() != pdf.Array {
		return nil
	}
	m := map[uint32]float64{}
	n := min(w.Len(), 1<<16)
	for i := 0; i < n; {
		first := w.Index(i)
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for k := 0; k < next.Len() && len(m) < maxCMapEntries; k++ {
				m[c+uint32(k)] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi, v := uint32(first.Int64()), uint32(next.Int64()), w.Index(i+2).Float64()
		for c := lo; c <= hi && c-lo < 1<<16 && len(m) < maxCMapEntries; c++ {
			m[c] = v
		}
		i += 3
	}
	return m
}

// decode splits s into codes and maps each to text and width.
func (f *pdfFont) decode(s []byte, out []pdfGlyph) []pdfGlyph {
	for i := 0; i < len(s); {
		rest := s[i:]
		n := f.codeLen(rest)
		if n <= 0 || n > len(rest) {
			n = 1
		}
		code := rest[:n]
		g := pdfGlyph{text: f.text(code), space: n == 1 && code[0] == 32}
		g.w = f.width(code) * f.scale
		out = append(out, g)
		i += n
	}
	return out
}

func (f *pdfFont) codeLen(b []byte) int {
	if f.simple {
		if f.gbk {
			return gbLen(b)
		}
		return 1
	}
	if f.pre != nil {
		return f.pre.codeLen(b)
	}
	if len(f.encSpace) > 0 {
		return spacesCodeLen(f.encSpace, b)
	}
	if f.identity {
		return min(2, len(b))
	}
	if f.toUni != nil {
		if n := spacesCodeLen(f.toUni.spaces, b); n > 0 {
			return n
		}
	}
	return min(2, len(b))
}

func (f *pdfFont) text(code []byte) string {
	if f.gbk && len(code) == 2 {
		return withEncoding(simplifiedchinese.GBK)(code)
	}
	if f.toUni != nil {
		if s, ok := f.toUni.lookup(codeValue(string(code))); ok {
			return s
		}
	}
	if f.pre != nil {
		return f.pre.decode(code)
	}
	if f.simple {
		return f.simpleCh[code[0]]
	}
	// A CID font without a usable map: the character is unknown. U+FFFD
	// lets the quality gate see it.
	return "\uFFFD"
}

func (f *pdfFont) width(code []byte) float64 {
	if f.simple {
		if f.gbk && len(code) == 2 {
			return f.byteWidth(code[0]) + f.byteWidth(code[1])
		}
		return f.byteWidth(code[0])
	}
	if f.identity || f.cidW != nil && f.pre == nil {
		if w, ok := f.cidW[codeValue(string(code))]; ok {
			return w
		}
		return f.dw
	}
	// Predefined CMaps map codes to CIDs through tables this reader does
	// not carry: one-byte codes are half width, the rest full width.
	if len(code) == 1 {
		return f.dw / 2
	}
	return f.dw
}

func (f *pdfFont) byteWidth(c byte) float64 {
	i := int(c) - f.firstChar
	if i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i]
	}
	return f.missingW
}

// glyphRune maps an Adobe glyph name to its character: uniXXXX, uXXXX[XX],
// and the names of the Latin-1 and punctuation glyphs reports use.
func glyphRune(name string) (rune, bool) {
	if r, ok := aglNames[name]; ok {
		return r, true
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i] // "one.oldstyle"
		if r, ok := aglNames[name]; ok {
			return r, true
		}
	}
	if len(name) == 1 && name[0] < 0x80 && unicode.IsLetter(rune(name[0])) {
		return rune(name[0]), true
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 {
		if v, err := strconv.ParseUint(name[3:7], 16, 32); err == nil {
			return rune(v), true
		}
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v <= unicode.MaxRune {
			return rune(v), true
		}
	}
	return 0, false
}

var aglNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "quoteright": '’', "quoteleft": '‘', "parenleft": '(', "parenright": ')',
	"asterisk": '*', "plus": '+', "comma": ',', "hyphen": '-', "minus": '−', "period": '.', "slash": '/',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>',
	"question": '?', "at": '@', "bracketleft": '[', "backslash": '\\', "bracketright": ']',
	"asciicircum": '^', "underscore": '_', "grave": '`', "braceleft": '{', "bar": '|', "braceright": '}',
	"asciitilde": '~', "bullet": '•', "endash": '–', "emdash": '—', "quotedblleft": '“', "quotedblright": '”',
	"ellipsis": '…', "periodcentered": '·', "middot": '·', "degree": '°', "multiply": '×', "divide": '÷',
	"copyright": '©', "registered": '®', "section": '§', "paragraph": '¶', "nbspace": ' ', "uni00A0": ' ',
	"fi": 'ﬁ', "fl": 'ﬂ', "dagger": '†', "daggerdbl": '‡', "perthousand": '‰', "trademark": '™',
	"guillemotleft": '«', "guillemotright": '»', "quotesinglbase": '‚', "quotedblbase": '„',
}
