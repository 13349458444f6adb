package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Encoding names reported by Decode (the `encoding` column).
//
// GB2312 and GBK files are reported as "gb18030": GB18030 is a strict superset
// of both, the same decoder reads all three, and a single name keeps the
// column easy to group by.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncGB18030 = "gb18030"
	EncBig5    = "big5"
	EncHZ      = "hz-gb-2312"
)

// Decode turns raw file bytes into text and names the encoding it used.
//
// Detection order: byte-order mark; UTF-16 without BOM (NULs in alternating
// positions); binary sniffing; valid UTF-8 (7-bit HZ-GB-2312 is recognised
// inside ASCII); otherwise every legacy candidate (GB18030, Big5, UTF-8 with
// errors, UTF-16 LE/BE) is decoded and the one with the fewest replacement
// characters wins, ties (within a small tolerance) broken by plausibility: the
// share of decoded ideographs that are among the most common hanzi of either
// script. GBK and Big5 byte ranges overlap so much that validity alone cannot
// tell them apart; a wrong guess turns common characters into rare ones.
//
// Errors are *Error with class "no_text" (empty or whitespace-only input) or
// "encoding" (binary data, or no candidate gives readable text).
func Decode(raw []byte) (text string, enc string, err error) {
	if len(raw) == 0 {
		return "", "", Errorf("no_text", "decode", errors.New("empty file"))
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return finishUTF8(raw[3:], EncUTF8BOM)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return finishUTF16(raw[2:], EncUTF16LE)
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return finishUTF16(raw[2:], EncUTF16BE)
	}
	if err := sniffMagic(raw); err != nil {
		return "", "", err
	}
	if enc, c, ok := sniffUTF16(raw); ok {
		if len(raw) <= utf16Sample {
			// The sniff decoded all of raw: no need to decode it again.
			return c.stats.verdict(c.text, enc)
		}
		return finishUTF16(raw, enc)
	}
	// One scan does sniffBinary, utf8.Valid and checkText's counting.
	st, binCtrl, valid := scanUTF8(raw)
	if err := binaryError(binCtrl, min(len(raw), binarySample)); err != nil {
		return "", "", err
	}
	if valid {
		if isHZ(raw) {
			if t, err := decodeWith(simplifiedchinese.HZGB2312, raw); err == nil && !strings.ContainsRune(t, utf8.RuneError) {
				return checkText(t, EncHZ)
			}
		}
		return st.verdict(string(raw), EncUTF8) // valid: finishUTF8 would copy it as is
	}
	return decodeLegacy(raw)
}

func finishUTF8(b []byte, enc string) (string, string, error) {
	// Valid UTF-8 (the common case) is checked and counted in one scan.
	if st, _, valid := scanUTF8(b); valid {
		return st.verdict(string(b), enc)
	}
	// One U+FFFD per invalid byte (a BOM does not guarantee valid UTF-8).
	return checkText(utf8PerByte(b), enc)
}

// utf8PerByte is string([]rune(string(b))) without the rune slice: invalid
// bytes become one U+FFFD each, valid UTF-8 is returned as is.
func utf8PerByte(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b)+len(b)/2)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			out = append(out, "\uFFFD"...)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return string(out)
}

func finishUTF16(b []byte, enc string) (string, string, error) {
	// At most three UTF-8 bytes per code unit (four per surrogate pair).
	sc, out, _ := decodeRunes(enc, b, -1, make([]byte, 0, (len(b)+1)/2*3))
	return sc.candidate(enc).stats.verdict(string(out), enc)
}

// checkText rejects decoded text that is empty, mostly undecodable or mostly
// control characters, with a message a person can act on.
func checkText(t, enc string) (string, string, error) {
	return statsOf(t).verdict(t, enc)
}

// textStats are what checkText judges text by: runes, U+FFFD, control
// characters, and whether every rune is a space or NUL (blank: what
// TrimSpace after removing NULs would leave empty; the text is valid UTF-8
// from every caller, so removing a NUL cannot join bytes into a new rune).
type textStats struct {
	n, bad, ctrl int
	blank        bool
}

// add counts rune r (not ASCII: ASCII goes through addASCII).
func (st *textStats) add(r rune) {
	st.n++
	switch {
	case r == utf8.RuneError:
		st.bad++
	case isControl(r):
		st.ctrl++
	}
	if st.blank && !unicode.IsSpace(r) {
		st.blank = false
	}
}

func (st *textStats) addASCII(c byte) {
	st.n++
	if asciiControl[c] {
		st.ctrl++
	}
	if st.blank && c != 0 && asciiSpace[c] == 0 {
		st.blank = false
	}
}

// addHan counts a rune in U+4000..U+9FFF (most of a Chinese text): neither
// invalid, control nor space.
func (st *textStats) addHan() {
	st.n++
	st.blank = false
}

func statsOf(t string) textStats {
	st := textStats{blank: true}
	for i := 0; i < len(t); {
		if c := t[i]; c < utf8.RuneSelf {
			st.addASCII(c)
			i++
			continue
		}
		if c := t[i]; c >= 0xE4 && c <= 0xE9 && i+2 < len(t) && t[i+1]&0xC0 == 0x80 && t[i+2]&0xC0 == 0x80 {
			st.addHan()
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		i += size
		st.add(r)
	}
	return st
}

// scanUTF8 counts the binary control bytes among the first binarySample,
// and tells whether raw is valid UTF-8 and, if so, its statsOf, in one pass.
func scanUTF8(raw []byte) (st textStats, binCtrl int, valid bool) {
	st.blank = true
	sample := min(len(raw), binarySample)
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if i < sample {
				binCtrl += int(binaryByte[c])
			}
			st.addASCII(c)
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(raw) && raw[i+1]&0xC0 == 0x80 && raw[i+2]&0xC0 == 0x80 {
			st.addHan()
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			// Not UTF-8: the stats are of no use, the binary count is.
			for ; i < sample; i++ {
				binCtrl += int(binaryByte[raw[i]])
			}
			return st, binCtrl, false
		}
		i += size
		st.add(r)
	}
	return st, binCtrl, true
}

func (st textStats) verdict(t, enc string) (string, string, error) {
	if st.blank {
		return "", enc, Errorf("no_text", "decode", fmt.Errorf("no text (only whitespace) as %s", enc))
	}
	if pct := 100 * st.bad / st.n; pct >= 10 {
		return "", enc, Errorf("encoding", "decode", fmt.Errorf("undecodable: %d%% of characters are invalid even in the best guess (%s)", pct, enc))
	}
	if pct := 100 * st.ctrl / st.n; pct >= 10 {
		return "", enc, Errorf("encoding", "decode", fmt.Errorf("not text: %d%% of characters are control characters (as %s)", pct, enc))
	}
	return t, enc, nil
}

// asciiSpace is what unicode.IsSpace accepts below 0x80; asciiControl what
// isControl does.
var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

var asciiControl = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isControl(rune(c))
	}
	return t
}()

func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f') || r == 0x7F || (r >= 0x80 && r < 0xA0)
}

func decodeWith(e encoding.Encoding, b []byte) (string, error) {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// utf16Sample is how many leading bytes sniffUTF16 decodes.
const utf16Sample = 1 << 16

// sniffUTF16 recognises BOM-less UTF-16 by its NULs: ASCII characters
// (newlines, digits, punctuation) put a zero byte in the high half, so NULs
// pile up in odd positions (LE) or even positions (BE). It returns the
// score of the first utf16Sample bytes, and their text when that is all
// of raw.
func sniffUTF16(raw []byte) (string, candidate, bool) {
	if len(raw) < 4 || len(raw)%2 != 0 {
		return "", candidate{}, false
	}
	sample := raw
	if len(sample) > utf16Sample {
		sample = sample[:utf16Sample]
	}
	if bytes.IndexByte(sample, 0) < 0 {
		return "", candidate{}, false // no NULs: not UTF-16 (the common case)
	}
	var even, odd int
	for i, c := range sample {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	total := even + odd
	// At least 10% of the bytes, and almost all on one side; then the
	// decoded text must look like text (binary data has NULs too).
	if total*10 < len(sample) {
		return "", candidate{}, false
	}
	var enc string
	switch {
	case odd*10 >= total*9:
		enc = EncUTF16LE
	case even*10 >= total*9:
		enc = EncUTF16BE
	default:
		return "", candidate{}, false
	}
	var out []byte
	if len(sample) == len(raw) {
		// Decode as well as score: Decode returns this text if it passes.
		out = make([]byte, 0, len(sample)/2*3)
	}
	sc, out, _ := decodeRunes(enc, sample, -1, out)
	c := sc.candidate(enc)
	if c.plaus < minPlausibility {
		return "", candidate{}, false
	}
	if out != nil {
		c.text = string(out)
	}
	return enc, c, true
}

// binaryMagic names common non-text formats so the error says what the file is.
var binaryMagic = []struct {
	prefix string
	what   string
}{
	{"%PDF-", "a PDF file"},
	{"PK\x03\x04", "a ZIP archive (docx/xlsx/odt?)"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an OLE2 document (doc/xls/wps?)"},
	{"\x89PNG", "a PNG image"},
	{"\xFF\xD8\xFF", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"\x1F\x8B", "a gzip archive"},
	{"Rar!", "a RAR archive"},
	{"7z\xBC\xAF", "a 7z archive"},
	{"{\\rtf", "an RTF document"},
}

func sniffMagic(raw []byte) error {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(raw, []byte(m.prefix)) {
			return Errorf("encoding", "decode", fmt.Errorf("not text: looks like %s", m.what))
		}
	}
	return nil
}

// Binary data: control bytes (other than tab, newline, CR, form feed) never
// occur in the encodings Decode supports, except in UTF-16 which is handled
// before; binaryByte marks them, and scanUTF8 counts them in the first
// binarySample bytes.
const binarySample = 1 << 16

// binaryError judges ctrl control bytes among the first n (n > 0).
func binaryError(ctrl, n int) error {
	// A few stray control bytes happen in real files (copy-paste from Word);
	// beyond 5% it is binary.
	if ctrl*20 > n {
		return Errorf("encoding", "decode", fmt.Errorf("not text: %d%% of bytes are control characters", (100*ctrl+n-1)/n))
	}
	return nil
}

var binaryByte = func() (t [256]uint8) {
	for i := range t {
		c := byte(i)
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1A) || c == 0x7F {
			t[i] = 1
		}
	}
	return t
}()

// isHZ reports whether 7-bit text uses HZ-GB-2312 shift sequences.
func isHZ(raw []byte) bool {
	for _, c := range raw {
		if c >= 0x80 {
			return false
		}
	}
	return bytes.Count(raw, []byte("~{")) >= 2 && bytes.Count(raw, []byte("~}")) >= 2
}

// minPlausibility: below it a decode is garbage (see decodeLegacy).
const minPlausibility = 0.35

type candidate struct {
	enc   string
	text  string
	runes int
	repl  int     // U+FFFD produced by the decoder
	han   int     // ideographs in U+4E00..U+9FFF
	plaus float64 // see plausibility
	stats textStats
	size  int // UTF-8 length of the text (decodeRunes candidates)
}

// decodeLegacy races the candidate decoders on non-UTF-8 input.
//
// The result is that of decoding with every candidate and calling
// pickCandidate, but candidates that cannot be picked are abandoned early:
// pickCandidate only considers candidates whose replacement count is within
// max(2, runes/500) of the lowest, so once a candidate's count exceeds a
// finished candidate's count plus that tolerance (with runes bounded by the
// input length), it can neither win nor lower the minimum. GB18030, the most
// common legacy encoding, is decoded first so it sets the bar.
//
// Candidates are decoded into reused buffers and scored rune by rune as
// they are decoded (see decodeRunes); only the winner becomes a string.
func decodeLegacy(raw []byte) (string, string, error) {
	names := []string{EncUTF8, EncGB18030, EncBig5}
	if len(raw)%2 == 0 {
		names = append(names, EncUTF16LE, EncUTF16BE)
	}
	// Candidates keep their slot so pickCandidate sees them in the original
	// order (ties go to the earlier one).
	var slots [5]candidate
	var done [5]bool
	var bufs [5]*[]byte // decoded text of the non-UTF-8 candidates
	defer func() {
		for _, b := range bufs {
			if b != nil && cap(*b) <= 1<<20 { // don't hold on to huge ones
				legacyBufs.Put(b)
			}
		}
	}()
	bestRepl := -1 // lowest replacement count of a finished candidate
	try := func(i int) {
		name := names[i]
		limit := -1
		if bestRepl >= 0 {
			// Upper bound of the rune count: one per byte (UTF-8, GB18030,
			// Big5) or per two bytes (UTF-16, even length here).
			maxRunes := len(raw)
			if name == EncUTF16LE || name == EncUTF16BE {
				maxRunes = len(raw) / 2
			}
			limit = bestRepl + max(2, maxRunes/500)
		}
		var c candidate
		if name == EncUTF8 {
			// UTF-8 with a few broken sequences (a truncated download) is a
			// candidate too: legacy decoders would turn all of it into
			// nonsense. One U+FFFD per invalid byte, so the count is
			// comparable.
			if limit >= 0 && utf8ReplExceeds(raw, limit) {
				return
			}
			c = scoreCandidate(name, utf8PerByte(raw))
		} else {
			// Decode as well as score: the winner's text is then ready, and
			// writing costs less than a second decoding pass.
			buf := bufs[i]
			if buf == nil {
				buf = legacyBufs.Get().(*[]byte)
				bufs[i] = buf
			}
			if cap(*buf) == 0 {
				*buf = make([]byte, 0, len(raw)+len(raw)/2+16) // non-nil: decodeRunes writes
			}
			s, out, ok := decodeRunes(name, raw, limit, (*buf)[:0])
			*buf = out
			if !ok {
				return
			}
			c = s.candidate(name)
		}
		slots[i], done[i] = c, true
		if bestRepl < 0 || c.repl < bestRepl {
			bestRepl = c.repl
		}
	}
	try(1) // GB18030 first
	for i := range names {
		if i != 1 {
			try(i)
		}
	}
	cands := make([]candidate, 0, len(names))
	for i := range names {
		if done[i] {
			cands = append(cands, slots[i])
		}
	}
	best := pickCandidate(cands)
	// Readable Chinese has well over half its ideographs among the common
	// ones; a decode below about a third is a wrong or unsupported encoding
	// (EUC-TW, Shift-JIS, …), which would only produce garbage facts.
	if best.han >= 30 && best.plaus < minPlausibility {
		return "", best.enc, Errorf("encoding", "decode", fmt.Errorf("unrecognised encoding: best guess %s gives only %.0f%% common characters", best.enc, 100*best.plaus))
	}
	for i, name := range names {
		if name == best.enc && name != EncUTF8 {
			best.text = string(*bufs[i])
		}
	}
	return best.stats.verdict(best.text, best.enc) // checkText(best.text, best.enc)
}

// legacyBufs recycles decodeLegacy's candidate buffers.
var legacyBufs = sync.Pool{New: func() any { return new([]byte) }}

// runeScore is what scoreCandidate counts, accumulated rune by rune as a
// decoder produces them, plus the UTF-8 length of the decoded text.
type runeScore struct {
	runes, repl, han, common, weird, ctrl int
	size                                  int
	blank                                 bool
}

// addHan counts r in U+4E00..U+9FFF, most of a Chinese text (inlined).
func (s *runeScore) addHan(r rune, cls *[0x10000]uint8) {
	s.runes++
	s.size += 3
	s.han++
	if cls[r] == clsCommon {
		s.common++
	}
	s.blank = false
}

// add counts r as scoreCandidate would count it in decoded text.
func (s *runeScore) add(r rune, cls *[0x10000]uint8) {
	s.runes++
	if r < utf8.RuneSelf {
		s.size++
		if asciiControl[r] {
			s.weird++
			s.ctrl++
		}
		if s.blank && r != 0 && asciiSpace[r] == 0 {
			s.blank = false
		}
		return
	}
	s.size += utf8.RuneLen(r)
	if r < 0xA0 { // isControl beyond ASCII
		s.ctrl++
	}
	if s.blank && !unicode.IsSpace(r) {
		s.blank = false
	}
	k := clsWeird
	if r < 0x10000 {
		k = cls[r]
	} else if !isWeird(r) {
		k = clsOther
	}
	switch k {
	case clsRepl:
		s.repl++
		s.weird++
	case clsCommon:
		s.han++
		s.common++
	case clsHan:
		s.han++
	case clsWeird:
		s.weird++
	}
}

func (s runeScore) candidate(enc string) candidate {
	return candidate{
		enc: enc, runes: s.runes, size: s.size, repl: s.repl, han: s.han,
		plaus: plausibility(s.han, s.common, s.weird),
		stats: textStats{n: s.runes, bad: s.repl, ctrl: s.ctrl, blank: s.blank},
	}
}

// decodeRunes decodes raw as enc (GB18030, Big5, UTF-16LE or UTF-16BE)
// exactly as the x/text decoder does, scoring every rune, and appends the
// text to out unless out is nil. It gives up (ok false) as soon as more
// than limit U+FFFD are produced (limit < 0: no limit).
//
// Scoring the runes as they are decoded, rather than decoding to UTF-8 and
// parsing that again, is what makes racing several candidates cheap.
func decodeRunes(enc string, raw []byte, limit int, out []byte) (s runeScore, _ []byte, ok bool) {
	s.blank = true
	if limit < 0 {
		limit = len(raw) + 1 // never reached: at most one U+FFFD per byte
	}
	write := out != nil
	cls := runeClasses()
	switch enc {
	case EncUTF16LE, EncUTF16BE:
		le := enc == EncUTF16LE
		for i := 0; i < len(raw); {
			r, n := utf16Next(raw, i, le)
			i += n
			if r >= 0x4E00 && r <= 0x9FFF {
				s.addHan(r, cls)
				if write {
					out = appendRune3(out, r)
				}
				continue
			}
			if s.add(r, cls); s.repl > limit {
				return s, out, false
			}
			if write {
				out = utf8.AppendRune(out, r)
			}
		}
		return s, out, true
	}
	t := legacyTables()
	tab, gb := &t.big5, enc == EncGB18030
	if gb {
		tab = &t.gbk
	}
	for i := 0; i < len(raw); {
		c0 := raw[i]
		if c0 < utf8.RuneSelf {
			s.add(rune(c0), cls)
			if write {
				out = append(out, c0)
			}
			i++
			continue
		}
		if c0 >= 0x81 && c0 < 0xFF && i+1 < len(raw) {
			if e := tab[int(c0-0x81)<<8|int(raw[i+1])]; e >= 0 {
				// A pair, and most of the text: counted from the entry's
				// precomputed class, one memory access per rune.
				i += 2
				r := e & entryRune
				if e&entryPlain == 0 {
					s.add(r, cls)
				} else {
					s.runes++
					s.blank = false
					switch uint8(e >> entryClass) {
					case clsCommon:
						s.han++
						s.common++
					case clsHan:
						s.han++
					case clsRepl:
						s.repl++
						s.weird++
					case clsWeird:
						s.weird++
					}
					if r < 0x800 {
						s.size += 2
					} else {
						s.size += 3
					}
				}
				if s.repl > limit {
					return s, out, false
				}
				if write {
					if r >= 0x800 && r < 0x10000 {
						out = appendRune3(out, r)
					} else {
						out = utf8.AppendRune(out, r)
					}
				}
				continue
			}
		}
		var r rune
		var n int
		if gb {
			r, n = gb18030Slow(raw, i)
		} else {
			var two string
			if r, n, two = big5Slow(raw, i); two != "" {
				for _, r := range two {
					s.add(r, cls)
				}
				if write {
					out = append(out, two...)
				}
				i += n
				continue
			}
		}
		i += n
		if s.add(r, cls); s.repl > limit {
			return s, out, false
		}
		if write {
			out = utf8.AppendRune(out, r)
		}
	}
	return s, out, true
}

// appendRune3 appends r in U+0800..U+FFFF (not a surrogate) as UTF-8, which
// utf8.AppendRune does out of line.
func appendRune3(out []byte, r rune) []byte {
	return append(out, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}

// utf16Next decodes the code unit (or surrogate pair) at b[i:] the way
// x/text's UTF-16 decoder does: a lone surrogate or a trailing odd byte
// becomes U+FFFD; a surrogate followed by a low (trail) surrogate is decoded
// as a pair, valid or not.
func utf16Next(b []byte, i int, le bool) (rune, int) {
	if i+1 >= len(b) {
		return utf8.RuneError, 1
	}
	unit := func(j int) rune {
		if le {
			return rune(b[j+1])<<8 | rune(b[j])
		}
		return rune(b[j])<<8 | rune(b[j+1])
	}
	r, n := unit(i), 2
	if utf16.IsSurrogate(r) && i+3 < len(b) {
		if x := unit(i + 2); 0xDC00 <= x && x <= 0xDFFF {
			r, n = utf16.DecodeRune(r, x), 4
		}
	}
	if utf16.IsSurrogate(r) {
		r = utf8.RuneError
	}
	return r, n
}

// gb18030Slow decodes the sequence at raw[i] that legacyTables.gbk does not
// hold: single bytes, truncated or invalid pairs, and four-byte sequences.
// It mirrors x/text's gbkDecoder (GB18030 mode) case by case.
func gb18030Slow(raw []byte, i int) (rune, int) {
	c0 := raw[i]
	switch {
	case c0 == 0x80:
		return '€', 1
	case c0 == 0xFF || i+1 >= len(raw):
		return utf8.RuneError, 1
	}
	if c1 := raw[i+1]; c1 < 0x30 || c1 > 0x3F || i+3 >= len(raw) { // x/text takes 0x3A..0x3F too
		return utf8.RuneError, 1
	}
	c1, c2, c3 := raw[i+1], raw[i+2], raw[i+3]
	if c2 < 0x81 || c2 == 0xFF || c3 < 0x30 || c3 > 0x39 {
		return utf8.RuneError, 1
	}
	r := ((rune(c0-0x81)*10+rune(c1-0x30))*126+rune(c2-0x81))*10 + rune(c3-0x30)
	if r < 39420 {
		// BMP four-byte sequence: mapped by x/text's range table, which is
		// not exported. Rare enough to ask the decoder itself.
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw[i : i+4])
		if r, n := utf8.DecodeRune(out); err == nil && n == len(out) {
			return r, 4
		}
		return utf8.RuneError, 1 // not reached: x/text maps every such r
	}
	if r -= 189000; 0 <= r && r < 0x100000 {
		return r + 0x10000, 4
	}
	return utf8.RuneError, 1
}

// big5Slow decodes the sequence at raw[i] that legacyTables.big5 does not
// hold, mirroring x/text's big5Decoder: single bytes, truncated pairs, a
// second byte below 0x40, and the four pairs that decode to two runes
// (returned in two).
func big5Slow(raw []byte, i int) (r rune, n int, two string) {
	c0 := raw[i]
	if c0 < 0x81 || c0 == 0xFF || i+1 >= len(raw) || raw[i+1] < 0x40 {
		return utf8.RuneError, 1, ""
	}
	return 0, 2, big5Pairs[[2]byte{c0, raw[i+1]}]
}

// big5Pairs are the Big5 pairs x/text decodes to two runes (WHATWG: Ê or ê
// with a combining macron or caron).
var big5Pairs = map[[2]byte]string{
	{0x88, 0x62}: "\u00CA\u0304",
	{0x88, 0x64}: "\u00CA\u030C",
	{0x88, 0xA3}: "\u00EA\u0304",
	{0x88, 0xA5}: "\u00EA\u030C",
}

// legacyTables entries: the rune in the low bits, then entryPlain for a
// rune in U+00A0..U+FFFF that is not a space (so runeScore.add would count
// no control character, end blank, and add its class), then the class.
const (
	entryRune  = 1<<21 - 1
	entryPlain = 1 << 21
	entryClass = 24
)

// legacyTables holds every two-byte GBK/GB18030 and Big5 sequence that
// decodes to one rune: index (first byte - 0x81)<<8 | second byte, -1 for
// pairs the slow paths handle. The tables are read back from the x/text
// decoders (whose own tables are not exported), so the fast path decodes
// exactly as they do.
//
// An entry is the rune, and for a plain rune (entryPlain) its class for
// scoring (see runeClasses) at entryClass.
var legacyTables = sync.OnceValue(func() *struct{ gbk, big5 [126 << 8]rune } {
	t := new(struct{ gbk, big5 [126 << 8]rune })
	fill := func(tab *[126 << 8]rune, e encoding.Encoding) {
		d := e.NewDecoder()
		var out [16]byte
		for c0 := 0x81; c0 < 0xFF; c0++ {
			for c1 := 0; c1 < 0x100; c1++ {
				k := (c0-0x81)<<8 | c1
				tab[k] = -1
				n, _, err := d.Transform(out[:], []byte{byte(c0), byte(c1)}, true)
				if r, size := utf8.DecodeRune(out[:n]); err == nil && size == n {
					tab[k] = r // one rune: the pair is one sequence
					if r >= 0xA0 && r < 0x10000 && !unicode.IsSpace(r) {
						tab[k] |= entryPlain | rune(runeClasses()[r])<<entryClass
					}
				}
			}
		}
	}
	fill(&t.gbk, simplifiedchinese.GB18030)
	fill(&t.big5, traditionalchinese.Big5)
	return t
})

// utf8ReplExceeds reports whether reading raw as UTF-8, one U+FFFD per
// invalid byte, yields more than limit U+FFFD (counting encoded U+FFFD too).
func utf8ReplExceeds(raw []byte, limit int) bool {
	repl := 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		i += n
		if r == utf8.RuneError {
			if repl++; repl > limit {
				return true
			}
		}
	}
	return false
}

// pickCandidate keeps the candidates whose replacement count is within a small
// tolerance of the best, then takes the most plausible. The tolerance lets a
// file with one corrupt byte still be read in its real encoding rather than in
// one that happens to accept every byte.
func pickCandidate(cands []candidate) candidate {
	minRepl := cands[0].repl
	for _, c := range cands[1:] {
		minRepl = min(minRepl, c.repl)
	}
	var best candidate
	found := false
	for _, c := range cands {
		if c.repl > minRepl+max(2, c.runes/500) {
			continue
		}
		if !found || c.plaus > best.plaus {
			best, found = c, true
		}
	}
	return best
}

// tally counts one rune of class k.
func (c *candidate) tally(k uint8, common, weird *int) {
	c.runes++
	switch k {
	case clsRepl:
		c.repl++
		*weird++
	case clsCommon:
		c.han++
		*common++
	case clsHan:
		c.han++
	case clsWeird:
		*weird++
	}
}

// scoreCandidate scores decoded text t, and takes its textStats on the way
// (checkText's verdict on the winner needs no other pass).
func scoreCandidate(enc, t string) candidate {
	c := candidate{enc: enc, text: t}
	var common, weird, ctrl int
	blank := true
	cls := runeClasses()
	for i := 0; i < len(t); {
		b := t[i]
		if b < utf8.RuneSelf {
			c.runes++
			i++
			if asciiControl[b] {
				weird++
				ctrl++
			}
			if blank && b != 0 && asciiSpace[b] == 0 {
				blank = false
			}
			continue
		}
		// Three-byte sequences (all of CJK) decoded inline: lead bytes
		// E1..EC never start an overlong or surrogate encoding.
		if b >= 0xE1 && b <= 0xEC && i+2 < len(t) && t[i+1]&0xC0 == 0x80 && t[i+2]&0xC0 == 0x80 {
			r := rune(b&0x0F)<<12 | rune(t[i+1]&0x3F)<<6 | rune(t[i+2]&0x3F)
			i += 3
			c.tally(cls[r], &common, &weird)
			if blank && !unicode.IsSpace(r) {
				blank = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		i += size
		if r >= 0x80 && r < 0xA0 { // isControl beyond ASCII
			ctrl++
		}
		if blank && !unicode.IsSpace(r) {
			blank = false
		}
		k := clsWeird
		if r < 0x10000 {
			k = cls[r]
		} else if !isWeird(r) {
			k = clsOther
		}
		c.tally(k, &common, &weird)
	}
	c.plaus = plausibility(c.han, common, weird)
	c.stats = textStats{n: c.runes, bad: c.repl, ctrl: ctrl, blank: blank}
	return c
}

// Rune classes for scoreCandidate.
const (
	clsOther  uint8 = iota
	clsRepl         // U+FFFD
	clsHan          // U+4E00..U+9FFF, not common
	clsCommon       // in commonHan
	clsWeird        // isWeird
)

// runeClasses classifies the BMP once (64 KB), so scoring a candidate is a
// table lookup per rune instead of a map lookup and range tests.
var runeClasses = sync.OnceValue(func() *[0x10000]uint8 {
	t := new([0x10000]uint8)
	for r := rune(0); r < 0x10000; r++ {
		switch {
		case r == utf8.RuneError:
			t[r] = clsRepl
		case r >= 0x4E00 && r <= 0x9FFF:
			t[r] = clsHan
			if commonHan[r] {
				t[r] = clsCommon
			}
		case isWeird(r):
			t[r] = clsWeird
		}
	}
	return t
})

// plausibility is the share of "expected" characters among ideographs and
// characters a Chinese report would not contain. Uncommon ideographs count a
// little: real text has some, and a text without any ideograph (French in
// GB18030) is judged by its absence of oddities alone.
func plausibility(han, common, weird int) float64 {
	if han+weird == 0 {
		return 1
	}
	return (float64(common) + 0.1*float64(han-common)) / float64(han+weird)
}

// isWeird: characters a wrong legacy decode produces and real reports do not
// contain (kana, Hangul, private use, CJK extension A, control characters, …).
func isWeird(r rune) bool {
	switch {
	case r < 0x80:
		return isControl(r)
	case r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0xE000 && r <= 0xF8FF, // private use
		r >= 0xAC00 && r <= 0xD7AF, // Hangul syllables
		r >= 0x3040 && r <= 0x30FF, // kana
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0x2500 && r <= 0x257F, // box drawing
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0x20000:               // supplementary planes
		return true
	}
	return isControl(r) || unicode.Is(unicode.Cyrillic, r) || unicode.Is(unicode.Greek, r)
}

func hanCount(t string) int {
	n := 0
	for _, r := range t {
		if r >= 0x4E00 && r <= 0x9FFF {
			n++
		}
	}
	return n
}

// commonHan holds the most frequent hanzi of modern Chinese (about 600) plus
// the vocabulary of work reports, each in simplified and traditional form.
// Only membership matters; the list is deliberately general, not tuned to any
// corpus.
var commonHan = func() map[rune]bool {
	m := make(map[rune]bool, 1500)
	for _, s := range []string{commonSimplified, commonTraditional, commonReport} {
		for _, r := range s {
			if r > 0x80 {
				m[r] = true
			}
		}
	}
	return m
}()

const commonSimplified = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湖钟"

const commonTraditional = "這個們來為國說時會對發過後裡裏還進經麼學現當沒動見長機實從關點業將兩間問應戰頭體產無與樣種開門員東聲條題電數報結總認計場變邊張該規萬覺術領確傳師觀讓識帶導爭運飛風車親極辦議轉準單羅愛擊調質團華級離亞請際約複復視須稱農廣顯圖歷醫專費號盡較語僅眾構節劃陳興驗責營圍紀舉殺蘇細錢網熱職樂狀彈試預誰繼傷適險習勞財環歡龍簡檢協審堅讀買養執亂幫優鐵藝陣惡塊頓島評寶釋顧貨聞監臨雜鐘處義氣決區隊統強權設類據務達難連斷滿消須話動給書軍齊紅響雖勢參眾態護續講終緊絕愛陸衛歲負層衝範異擔靈勝階壓銀懷罰屬脫雙境輕戶嚴選區價標談僅歷醫專號將縣鄉鎮黨組織員會議導領幹部紀監檢査查線宣傳標語橫幅單冊展覽報導網絡視頻廣播電視發放張貼懸掛製作開展區縣級鄉鎮街道辦處長書記審計財稅務資產權責任問題整改落實條例規範執法治亂罪犯案件傘護惡勢摸排舉報處罰關係農業務實績效"

// commonReport is the campaign's own vocabulary; it matters most because a
// mis-decoded report loses exactly these characters.
const commonReport = "扫掃黑除恶惡专專项項斗鬥争爭线線索摸排查宣传傳横橫幅标標语語册冊县縣镇鎮乡鄉村局委纪紀监監组組织織领領导導汇匯报報总總结結问問题題整改落实實责責任治安综綜合法律犯罪案件伞傘保护護违違纪纪涉团團伙夥骗騙赌賭毒盗盜抢搶霸欺压壓群众眾举舉线索核办辦督导導巡察反馈饋排摸移送交转轉立结结签簽订訂承诺諾书書宣讲講横标张張贴貼悬懸挂掛发發放栏欄板屏幕视視频頻短信微息稿件篇条條份场場次期人户戶万萬亿億余餘多近约約共计計达達累积積"
