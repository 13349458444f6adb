package extract

import (
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A CMap in a PDF maps byte codes to Unicode (ToUnicode) or to CIDs (the
// font's Encoding). This parser is a tolerant tokenizer, not PostScript: real
// files carry faulty CMaps (bfrange inside begincidrange, missing end
// keywords) that a strict reader rejects whole, losing every character.

type codeSpace struct {
	n      int // bytes
	lo, hi [4]byte
}

type uniRange struct {
	lo, hi uint32
	dst    []rune // the first code's text; later codes increment its last rune
	arr    []string
}

type toUnicode struct {
	spaces []codeSpace
	chars  map[uint32]string
	ranges []uniRange
}

// Caps that keep a hostile CMap from costing memory: ranges wider than
// expandMax stay ranges (looked up by scan), and at most maxCMapEntries
// single mappings are kept.
const (
	expandMax      = 256
	maxCMapEntries = 1 << 18
)

type cmapTok struct {
	kind byte // 'h' hex string, 'n' number, '/' name, 'k' keyword, '[' ']'
	s    string
}

func cmapTokens(b []byte, fn func(t cmapTok) bool) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case isPDFSpace(c):
			i++
		case c == '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i += 2
				continue
			}
			j := i + 1
			var hb []byte
			for j < len(b) && b[j] != '>' {
				if isHexDigit(b[j]) {
					hb = append(hb, b[j])
				}
				j++
			}
			if !fn(cmapTok{'h', string(hexBytes(hb))}) {
				return
			}
			i = j + 1
		case c == '>':
			i++
		case c == '[' || c == ']':
			if !fn(cmapTok{c, ""}) {
				return
			}
			i++
		case c == '(':
			// Literal strings appear in CMap headers only (Registry, …).
			depth := 0
			for i < len(b) {
				if b[i] == '\\' {
					i += 2
					continue
				}
				if b[i] == '(' {
					depth++
				} else if b[i] == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
				i++
			}
		default:
			j := i + 1
			for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelim(b[j]) {
				j++
			}
			w := string(b[i:j])
			k := byte('k')
			if c == '/' {
				k, w = '/', w[1:]
			} else if c >= '0' && c <= '9' || c == '-' {
				k = 'n'
			}
			if !fn(cmapTok{k, w}) {
				return
			}
			if j == i {
				j++
			}
			i = j
		}
	}
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

func codeValue(s string) uint32 {
	var v uint32
	for i := 0; i < len(s) && i < 4; i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// utf16Text decodes a ToUnicode destination (UTF-16BE; odd lengths happen).
func utf16Text(s string) []rune {
	if len(s) == 1 {
		return []rune{rune(s[0])}
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, binary.BigEndian.Uint16([]byte(s[i:i+2])))
	}
	return utf16.Decode(u)
}

func parseToUnicode(b []byte) *toUnicode {
	m := &toUnicode{chars: map[uint32]string{}}
	var mode string
	var args []cmapTok
	var arr []string
	inArr := false
	cmapTokens(b, func(t cmapTok) bool {
		if inArr {
			switch t.kind {
			case ']':
				inArr = false
				args = append(args, cmapTok{'a', ""})
			case 'h':
				arr = append(arr, string(utf16Text(t.s)))
			}
			return true
		}
		switch t.kind {
		case '[':
			inArr, arr = true, nil
			return true
		case 'k':
			switch t.s {
			case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "begincidchar", "beginnotdefrange":
				mode, args = t.s[5:], nil
			case "endcodespacerange", "endbfchar", "endbfrange", "endcidrange", "endcidchar", "endnotdefrange":
				mode, args = "", nil
			}
			return true
		}
		if mode == "" {
			return true
		}
		args = append(args, t)
		switch mode {
		case "codespacerange":
			if len(args) == 2 {
				lo, hi := args[0].s, args[1].s
				if len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 {
					cs := codeSpace{n: len(lo)}
					copy(cs.lo[:], lo)
					copy(cs.hi[:], hi)
					m.spaces = append(m.spaces, cs)
				}
				args = args[:0]
			}
		case "bfchar", "cidchar":
			if len(args) == 2 {
				src, dst := args[0], args[1]
				if src.kind == 'h' && len(m.chars) < maxCMapEntries {
					switch dst.kind {
					case 'h':
						m.chars[codeValue(src.s)] = string(utf16Text(dst.s))
					case '/':
						if r, ok := glyphRune(dst.s); ok {
							m.chars[codeValue(src.s)] = string(r)
						}
					case 'n':
						if v, err := strconv.ParseUint(dst.s, 10, 32); err == nil && v > 0 && v <= 0x10FFFF {
							m.chars[codeValue(src.s)] = string(rune(v))
						}
					}
				}
				args = args[:0]
			}
		case "bfrange", "cidrange":
			if len(args) == 3 {
				lo, hi, dst := args[0], args[1], args[2]
				if lo.kind == 'h' && hi.kind == 'h' {
					r := uniRange{lo: codeValue(lo.s), hi: codeValue(hi.s)}
					switch dst.kind {
					case 'h':
						r.dst = utf16Text(dst.s)
					case 'a':
						r.arr = arr
					case 'n':
						// A cidrange in a ToUnicode CMap (Office/iText files
						// carry them): the number is taken as the code point.
						if v, err := strconv.ParseUint(dst.s, 10, 32); err == nil && v <= 0x10FFFF {
							r.dst = []rune{rune(v)}
						}
					}
					if r.hi >= r.lo && (len(r.dst) > 0 || len(r.arr) > 0) {
						m.addRange(r)
					}
				}
				args = args[:0]
			}
		case "notdefrange":
			if len(args) == 3 {
				args = args[:0]
			}
		}
		return true
	})
	sort.Slice(m.spaces, func(i, j int) bool { return m.spaces[i].n < m.spaces[j].n })
	return m
}

func (m *toUnicode) addRange(r uniRange) {
	if r.hi-r.lo < expandMax && len(m.chars)+int(r.hi-r.lo) < maxCMapEntries {
		for c := r.lo; ; c++ {
			if s, ok := r.at(c); ok {
				m.chars[c] = s
			}
			if c == r.hi {
				break
			}
		}
		return
	}
	if len(m.ranges) < 4096 {
		m.ranges = append(m.ranges, r)
	}
}

func (r uniRange) at(c uint32) (string, bool) {
	off := c - r.lo
	if r.arr != nil {
		if int(off) < len(r.arr) {
			return r.arr[off], true
		}
		return "", false
	}
	d := append([]rune(nil), r.dst...)
	d[len(d)-1] += rune(off)
	return string(d), true
}

func (m *toUnicode) lookup(code uint32) (string, bool) {
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	for i := len(m.ranges) - 1; i >= 0; i-- {
		if r := m.ranges[i]; code >= r.lo && code <= r.hi {
			return r.at(code)
		}
	}
	return "", false
}

// codeLen is how many bytes the next code takes by the codespace ranges
// (0 when there are none).
func spacesCodeLen(spaces []codeSpace, b []byte) int {
	for _, cs := range spaces {
		if cs.n > len(b) {
			continue
		}
		ok := true
		for k := 0; k < cs.n; k++ {
			if b[k] < cs.lo[k] || b[k] > cs.hi[k] {
				ok = false
				break
			}
		}
		if ok {
			return cs.n
		}
	}
	if len(spaces) > 0 {
		return min(spaces[0].n, len(b))
	}
	return 0
}

// predefinedCMap is one of the CJK CMaps a reader must know by name
// (ISO 32000-1 table 118) without a ToUnicode: how codes split into bytes
// and which Unicode character a code is.
type predefinedCMap struct {
	codeLen func(b []byte) int
	decode  func(code []byte) string
}

func gbLen(b []byte) int {
	if len(b) >= 2 && b[0] >= 0x81 && b[0] <= 0xFE {
		return 2
	}
	return 1
}

func gb18030Len(b []byte) int {
	if len(b) >= 4 && b[0] >= 0x81 && b[1] >= 0x30 && b[1] <= 0x39 {
		return 4
	}
	return gbLen(b)
}

func utf16Len(b []byte) int {
	if len(b) >= 4 && b[0] >= 0xD8 && b[0] <= 0xDB {
		return 4
	}
	return min(2, len(b))
}

func withEncoding(e encoding.Encoding) func([]byte) string {
	return func(code []byte) string {
		if len(code) == 1 && code[0] < 0x80 {
			return string(rune(code[0]))
		}
		s, err := e.NewDecoder().Bytes(code)
		if err != nil {
			return "\uFFFD"
		}
		return string(s)
	}
}

func ucs2(code []byte) string {
	if len(code) < 2 {
		return "\uFFFD"
	}
	return string(utf16Text(string(code)))
}

func predefined(name string) *predefinedCMap {
	base := strings.TrimSuffix(strings.TrimSuffix(name, "-H"), "-V")
	switch base {
	case "UniGB-UCS2", "UniCNS-UCS2", "UniJIS-UCS2", "UniKS-UCS2", "UniJIS-UCS2-HW":
		return &predefinedCMap{func(b []byte) int { return min(2, len(b)) }, ucs2}
	case "UniGB-UTF16", "UniCNS-UTF16", "UniJIS-UTF16", "UniKS-UTF16":
		return &predefinedCMap{utf16Len, ucs2}
	case "GBK-EUC", "GBKp-EUC", "GB-EUC", "GBpc-EUC":
		return &predefinedCMap{gbLen, withEncoding(simplifiedchinese.GBK)}
	case "GBK2K":
		return &predefinedCMap{gb18030Len, withEncoding(simplifiedchinese.GB18030)}
	case "B5pc", "ETen-B5", "HKscs-B5", "ETenms-B5", "CNS-EUC":
		return &predefinedCMap{gbLen, withEncoding(traditionalchinese.Big5)}
	}
	return nil
}
