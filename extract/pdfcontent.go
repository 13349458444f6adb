package extract

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// The content-stream interpreter: its own lexer (the library's Interpret
// reads streams without limits and stops at inline images) and just the text
// state a reader needs for positions: CTM, text and line matrices, font,
// size, spacing, rise, and form XObjects.

type mat [6]float64

var identity = mat{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type operand struct {
	kind byte // 'n' number, 's' string, '/' name, 'a' array, 'd' dict marker
	num  float64
	str  []byte
	arr  []operand
}

// placedGlyph is a character at its position in device space.
type placedGlyph struct {
	x, y, adv, size float64
	text            string
	seq             int // content order
}

type textState struct {
	ctm                        mat
	font                       *pdfFont
	size, tc, tw, tz, tl, rise float64
}

type contentLimits struct {
	maxStream int64
	maxOps    int // operators per page, forms included
	maxGlyphs int
	maxDepth  int // form XObject nesting
}

type interp struct {
	streamLimit bool // a content stream was cut at the size cap
	raw         []byte
	lim         contentLimits
	fonts       map[objRef]*pdfFont
	glyphs      []placedGlyph
	ops         int
	buf         []pdfGlyph
	forms       map[objRef]bool // on the current nesting path: cycles end here
	err         error
}

var errTooManyOps = errors.New("page content over the operator limit")

func (it *interp) fontFor(res pdf.Value, name string, cache map[string]*pdfFont) *pdfFont {
	if f, ok := cache[name]; ok {
		return f
	}
	fv := res.Key("Font").Key(name)
	var f *pdfFont
	if fv.Kind() == pdf.Dict {
		ref := valueRef(fv)
		if ref.id != 0 {
			f = it.fonts[ref]
		}
		if f == nil {
			f = loadFont(it.raw, fv, it.lim.maxStream)
			if ref.id != 0 {
				it.fonts[ref] = f
			}
		}
	}
	cache[name] = f
	return f
}

// run interprets one content stream (data) with its resources.
func (it *interp) run(data []byte, res pdf.Value, st textState, depth int) {
	cache := map[string]*pdfFont{}
	var stack []textState
	var tm, tlm mat
	var args []operand
	lx := lexer{b: data}
	for {
		if it.err != nil {
			return
		}
		tok, ok := lx.next()
		if !ok {
			return
		}
		if tok.kind != 'o' {
			if len(args) < 64 {
				args = append(args, tok.op)
			}
			continue
		}
		it.ops++
		if it.ops > it.lim.maxOps {
			it.err = errTooManyOps
			return
		}
		op := tok.s
		num := func(i int) float64 {
			if i < len(args) && args[i].kind == 'n' {
				return args[i].num
			}
			return 0
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, st)
			}
		case "Q":
			if n := len(stack); n > 0 {
				st = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				st.ctm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 && args[0].kind == '/' {
				st.font = it.fontFor(res, string(args[0].str), cache)
				st.size = num(1)
			}
		case "Tc":
			st.tc = num(0)
		case "Tw":
			st.tw = num(0)
		case "Tz":
			st.tz = num(0)
		case "TL":
			st.tl = num(0)
		case "Ts":
			st.rise = num(0)
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					st.tl = -num(1)
				}
				tlm = mat{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) == 6 {
				tlm = mat{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = mat{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
			tm = tlm
		case "Tj", "'", "\"", "TJ":
			if op == "'" || op == "\"" {
				if op == "\"" && len(args) == 3 {
					st.tw, st.tc = num(0), num(1)
				}
				tlm = mat{1, 0, 0, 1, 0, -st.tl}.mul(tlm)
				tm = tlm
			}
			if len(args) == 0 {
				break
			}
			last := args[len(args)-1]
			if last.kind == 's' {
				it.show(last.str, &st, &tm)
			} else if last.kind == 'a' {
				for _, e := range last.arr {
					switch e.kind {
					case 's':
						it.show(e.str, &st, &tm)
					case 'n':
						th := st.tz / 100
						tm = mat{1, 0, 0, 1, -e.num / 1000 * st.size * th, 0}.mul(tm)
					}
				}
			}
		case "Do":
			if len(args) == 1 && args[0].kind == '/' && depth < it.lim.maxDepth {
				xo := res.Key("XObject").Key(string(args[0].str))
				if xo.Key("Subtype").Name() != "Form" {
					break
				}
				ref := valueRef(xo)
				if it.forms[ref] {
					break
				}
				b, _ := streamBytes(it.raw, xo, it.lim.maxStream)
				if len(b) == 0 {
					break
				}
				fst := st
				if m := xo.Key("Matrix"); m.Len() == 6 {
					fst.ctm = mat{m.Index(0).Float64(), m.Index(1).Float64(), m.Index(2).Float64(), m.Index(3).Float64(), m.Index(4).Float64(), m.Index(5).Float64()}.mul(st.ctm)
				}
				fres := xo.Key("Resources")
				if fres.IsNull() {
					fres = res
				}
				it.forms[ref] = true
				it.run(b, fres, fst, depth+1)
				delete(it.forms, ref)
			}
		}
		args = args[:0]
	}
}

func (it *interp) show(s []byte, st *textState, tm *mat) {
	if st.font == nil || len(it.glyphs) >= it.lim.maxGlyphs {
		return
	}
	th := st.tz / 100
	it.buf = st.font.decode(s, it.buf[:0])
	for _, g := range it.buf {
		if g.w <= 0 {
			// Missing widths (non-embedded fonts): CJK is full width.
			if r, _ := utf8.DecodeRuneInString(g.text); isCJK(r) {
				g.w = 1
			} else {
				g.w = 0.5
			}
		}
		trm := mat{st.size * th, 0, 0, st.size, 0, st.rise}.mul(*tm).mul(st.ctm)
		tx := (g.w*st.size + st.tc) * th
		if g.space {
			tx += st.tw * th
		}
		// Device-space size and advance: lengths of the transformed vectors.
		size := math.Hypot(trm[2], trm[3])
		adv := tx * math.Hypot((*tm).mul(st.ctm)[0], (*tm).mul(st.ctm)[1])
		if g.text != "" && len(it.glyphs) < it.lim.maxGlyphs {
			it.glyphs = append(it.glyphs, placedGlyph{x: trm[4], y: trm[5], adv: adv, size: size, text: g.text, seq: len(it.glyphs)})
		}
		*tm = mat{1, 0, 0, 1, tx, 0}.mul(*tm)
	}
}

// lexer tokenizes content streams.
type lexer struct {
	b []byte
	i int
}

type lexTok struct {
	kind byte // 'o' operator, 'v' value
	s    string
	op   operand
}

func (lx *lexer) skipSpace() {
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		if isPDFSpace(c) {
			lx.i++
		} else if c == '%' {
			for lx.i < len(lx.b) && lx.b[lx.i] != '\n' && lx.b[lx.i] != '\r' {
				lx.i++
			}
		} else {
			return
		}
	}
}

func (lx *lexer) next() (lexTok, bool) {
	lx.skipSpace()
	if lx.i >= len(lx.b) {
		return lexTok{}, false
	}
	v, isOp, opName := lx.value(0)
	if isOp {
		if opName == "BI" {
			lx.skipInlineImage()
			return lexTok{kind: 'o', s: "EI"}, true
		}
		return lexTok{kind: 'o', s: opName}, true
	}
	return lexTok{kind: 'v', op: v}, true
}

func (lx *lexer) value(depth int) (operand, bool, string) {
	lx.skipSpace()
	if lx.i >= len(lx.b) {
		return operand{}, true, ""
	}
	c := lx.b[lx.i]
	switch {
	case c == '(':
		return operand{kind: 's', str: lx.literal()}, false, ""
	case c == '<' && lx.i+1 < len(lx.b) && lx.b[lx.i+1] == '<':
		lx.i += 2
		lx.skipDict(depth)
		return operand{kind: 'd'}, false, ""
	case c == '<':
		return operand{kind: 's', str: lx.hexString()}, false, ""
	case c == '[':
		lx.i++
		var arr []operand
		for {
			lx.skipSpace()
			if lx.i >= len(lx.b) {
				break
			}
			if lx.b[lx.i] == ']' {
				lx.i++
				break
			}
			if depth > 16 {
				lx.i++
				continue
			}
			v, isOp, _ := lx.value(depth + 1)
			if isOp {
				continue // an operator inside an array: damaged stream
			}
			if len(arr) < 1<<16 {
				arr = append(arr, v)
			}
		}
		return operand{kind: 'a', arr: arr}, false, ""
	case c == '/':
		j := lx.i + 1
		for j < len(lx.b) && !isPDFSpace(lx.b[j]) && !isPDFDelim(lx.b[j]) {
			j++
		}
		n := unescapeName(lx.b[lx.i+1 : j])
		lx.i = j
		return operand{kind: '/', str: n}, false, ""
	case c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.':
		j := lx.i + 1
		for j < len(lx.b) && (lx.b[j] >= '0' && lx.b[j] <= '9' || lx.b[j] == '.' || lx.b[j] == '-') {
			j++
		}
		f, _ := strconv.ParseFloat(string(lx.b[lx.i:j]), 64)
		lx.i = j
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e12 {
			f = 0
		}
		return operand{kind: 'n', num: f}, false, ""
	case isPDFDelim(c):
		lx.i++ // stray ')', '>', ']', '{', '}'
		return operand{}, true, ""
	}
	j := lx.i
	for j < len(lx.b) && !isPDFSpace(lx.b[j]) && !isPDFDelim(lx.b[j]) {
		j++
	}
	w := string(lx.b[lx.i:j])
	lx.i = j
	return operand{}, true, w
}

func unescapeName(b []byte) []byte {
	if bytes.IndexByte(b, '#') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) && isHexDigit(b[i+1]) && isHexDigit(b[i+2]) {
			v, _ := strconv.ParseUint(string(b[i+1:i+3]), 16, 8)
			out = append(out, byte(v))
			i += 2
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func (lx *lexer) skipDict(depth int) {
	for lx.i < len(lx.b) {
		lx.skipSpace()
		if lx.i+1 < len(lx.b) && lx.b[lx.i] == '>' && lx.b[lx.i+1] == '>' {
			lx.i += 2
			return
		}
		if lx.i >= len(lx.b) {
			return
		}
		if depth > 16 {
			lx.i++
			continue
		}
		lx.value(depth + 1)
	}
}

func (lx *lexer) literal() []byte {
	lx.i++ // (
	var out []byte
	depth := 1
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		lx.i++
		switch c {
		case '\\':
			if lx.i >= len(lx.b) {
				return out
			}
			e := lx.b[lx.i]
			lx.i++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if lx.i < len(lx.b) && lx.b[lx.i] == '\n' {
					lx.i++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.i < len(lx.b) && lx.b[lx.i] >= '0' && lx.b[lx.i] <= '7'; k++ {
						v = v*8 + int(lx.b[lx.i]-'0')
						lx.i++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

func (lx *lexer) hexString() []byte {
	lx.i++ // <
	var digits []byte
	for lx.i < len(lx.b) && lx.b[lx.i] != '>' {
		if isHexDigit(lx.b[lx.i]) {
			digits = append(digits, lx.b[lx.i])
		}
		lx.i++
	}
	lx.i++
	return hexBytes(digits)
}

// hexBytes decodes the hex digits of a PDF <hex string>; an odd last digit
// is followed by an implied 0 (PDF 32000-1 §7.3.4.3).
func hexBytes(digits []byte) []byte {
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for k := range out {
		v, _ := strconv.ParseUint(string(digits[2*k:2*k+2]), 16, 8)
		out[k] = byte(v)
	}
	return out
}

// skipInlineImage skips BI … ID <binary> EI.
func (lx *lexer) skipInlineImage() {
	id := bytes.Index(lx.b[lx.i:], []byte("ID"))
	if id < 0 {
		lx.i = len(lx.b)
		return
	}
	lx.i += id + 3
	for lx.i < len(lx.b) {
		k := bytes.Index(lx.b[lx.i:], []byte("EI"))
		if k < 0 {
			lx.i = len(lx.b)
			return
		}
		p := lx.i + k
		before := p == 0 || isPDFSpace(lx.b[p-1])
		after := p+2 >= len(lx.b) || isPDFSpace(lx.b[p+2])
		lx.i = p + 2
		if before && after {
			return
		}
	}
}

// noteLimit records that a stream was cut at the decompressed-size cap.
func (it *interp) noteLimit(err error) {
	if errors.Is(err, errStreamLimit) {
		it.streamLimit = true
	}
}
