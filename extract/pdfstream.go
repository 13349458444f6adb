package extract

import (
	"bytes"
	"compress/flate"
	"encoding/ascii85"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/ledongthuc/pdf"
)

// The ledongthuc/pdf object layer resolves objects well but reads streams
// without any size limit (a 1 KB Flate bomb can expand to gigabytes) and
// panics on filters it does not know. Streams are therefore decoded here from
// the raw bytes: the library's Value keeps the stream's file offset in
// unexported fields, which reflect can read (never write).

// errStreamLimit marks a stream that decoded past the per-stream cap.
var errStreamLimit = errors.New("decompressed stream over the size limit")

// objRef is the identity (object number, generation) of an indirect object.
type objRef struct {
	id  uint32
	gen uint16
}

// valueRef returns the identity of the indirect object v was loaded from
// (for direct values: of the object that contains them).
func valueRef(v pdf.Value) objRef {
	rv := reflect.ValueOf(v)
	p := rv.FieldByName("ptr")
	if !p.IsValid() || p.Kind() != reflect.Struct || p.NumField() < 2 {
		return objRef{}
	}
	return objRef{uint32(p.Field(0).Uint()), uint16(p.Field(1).Uint())}
}

// streamOffset returns the file offset of a stream's data.
func streamOffset(v pdf.Value) (int64, bool) {
	if v.Kind() != pdf.Stream {
		return 0, false
	}
	d := reflect.ValueOf(v).FieldByName("data")
	if !d.IsValid() || d.Kind() != reflect.Interface || d.IsNil() {
		return 0, false
	}
	s := d.Elem()
	if s.Kind() != reflect.Struct {
		return 0, false
	}
	off := s.FieldByName("offset")
	if !off.IsValid() || off.Kind() != reflect.Int64 {
		return 0, false
	}
	return off.Int(), true
}

// streamBytes decodes stream v from raw (the bytes the Reader was opened on)
// with at most max bytes of output. A damaged stream yields what decoded
// before the damage (as poppler does) and a non-nil error.
func streamBytes(raw []byte, v pdf.Value, max int64) ([]byte, error) {
	off, ok := streamOffset(v)
	if !ok {
		return nil, errors.New("not a stream")
	}
	if off < 0 || off > int64(len(raw)) {
		return nil, fmt.Errorf("stream offset %d outside the file", off)
	}
	n := v.Key("Length").Int64()
	data := raw[off:]
	if n > 0 && n <= int64(len(data)) {
		data = data[:n]
	} else if i := bytes.Index(data, []byte("endstream")); i >= 0 {
		// A missing or wrong /Length (common in damaged files): up to endstream.
		data = bytes.TrimRight(data[:i], "\r\n")
	}
	filters, params := v.Key("Filter"), v.Key("DecodeParms")
	var names []string
	var parms []pdf.Value
	switch filters.Kind() {
	case pdf.Name:
		names, parms = []string{filters.Name()}, []pdf.Value{params}
	case pdf.Array:
		for i := 0; i < filters.Len() && i < 8; i++ {
			names = append(names, filters.Index(i).Name())
			if params.Kind() == pdf.Array {
				parms = append(parms, params.Index(i))
			} else {
				parms = append(parms, pdf.Value{})
			}
		}
	}
	out := data
	for i, f := range names {
		var err error
		out, err = applyPDFFilter(out, f, parms[i], max)
		if err != nil {
			return out, fmt.Errorf("filter %s: %w", f, err)
		}
	}
	if int64(len(out)) > max {
		return out[:max], errStreamLimit
	}
	return out, nil
}

func applyPDFFilter(in []byte, name string, parm pdf.Value, max int64) ([]byte, error) {
	switch name {
	case "FlateDecode", "Fl":
		out, err := inflate(in, max)
		if err != nil && !errors.Is(err, errStreamLimit) && len(out) == 0 {
			return nil, err
		}
		if p := parm.Key("Predictor").Int64(); p >= 10 {
			cols := int(parm.Key("Columns").Int64())
			if cols <= 0 {
				cols = 1
			}
			colors := int(parm.Key("Colors").Int64())
			if colors <= 0 {
				colors = 1
			}
			bpc := int(parm.Key("BitsPerComponent").Int64())
			if bpc <= 0 {
				bpc = 8
			}
			out = unpredictPNG(out, (cols*colors*bpc+7)/8, (colors*bpc+7)/8)
		}
		return out, err
	case "ASCIIHexDecode", "AHx":
		var clean []byte
		for _, c := range in {
			if c == '>' {
				break
			}
			if isHexDigit(c) {
				clean = append(clean, c)
			}
		}
		if len(clean)%2 == 1 {
			clean = append(clean, '0')
		}
		out := make([]byte, len(clean)/2)
		_, err := hex.Decode(out, clean)
		return out, err
	case "ASCII85Decode", "A85":
		if i := bytes.Index(in, []byte("~>")); i >= 0 {
			in = in[:i]
		}
		in = bytes.TrimPrefix(bytes.TrimSpace(in), []byte("<~"))
		out, err := io.ReadAll(io.LimitReader(ascii85.NewDecoder(bytes.NewReader(in)), max+1))
		return out, err
	case "RunLengthDecode", "RL":
		var out []byte
		for i := 0; i < len(in); {
			n := int(in[i])
			i++
			switch {
			case n == 128:
				return out, nil
			case n < 128:
				end := min(i+n+1, len(in))
				out = append(out, in[i:end]...)
				i = end
			default:
				if i < len(in) {
					out = append(out, bytes.Repeat(in[i:i+1], 257-n)...)
				}
				i++
			}
			if int64(len(out)) > max {
				return out, errStreamLimit
			}
		}
		return out, nil
	}
	// Image codecs (DCT, JPX, CCITT, JBIG2) carry no text; LZW is rare in
	// text streams since PDF 1.2.
	return nil, fmt.Errorf("unsupported filter %q", name)
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// inflate decodes zlib (or raw deflate) data, keeping what decoded before
// an error: truncated streams and bad checksums are common in the wild.
func inflate(in []byte, max int64) ([]byte, error) {
	body := in
	if len(body) >= 2 && body[0]&0x0F == 8 && (uint16(body[0])<<8|uint16(body[1]))%31 == 0 {
		body = body[2:]
	}
	zr := flate.NewReader(bytes.NewReader(body))
	defer zr.Close()
	var out bytes.Buffer
	_, err := io.Copy(&out, io.LimitReader(zr, max+1))
	if int64(out.Len()) > max {
		return out.Bytes()[:max], errStreamLimit
	}
	if err == io.ErrUnexpectedEOF {
		err = nil // truncated without the final block: keep the text
	}
	return out.Bytes(), err
}

// unpredictPNG reverses PNG row predictors (used on xref and object streams,
// rarely on content).
func unpredictPNG(in []byte, rowLen, bpp int) []byte {
	if rowLen <= 0 {
		return in
	}
	prev := make([]byte, rowLen)
	out := make([]byte, 0, len(in))
	for i := 0; i+1 <= len(in); i += rowLen + 1 {
		end := min(i+1+rowLen, len(in))
		row := append([]byte(nil), in[i+1:end]...)
		for len(row) < rowLen {
			row = append(row, 0)
		}
		switch in[i] {
		case 1:
			for j := bpp; j < rowLen; j++ {
				row[j] += row[j-bpp]
			}
		case 2:
			for j := range row {
				row[j] += prev[j]
			}
		case 3:
			for j := range row {
				var left byte
				if j >= bpp {
					left = row[j-bpp]
				}
				row[j] += byte((int(left) + int(prev[j])) / 2)
			}
		case 4:
			for j := range row {
				var a, c byte
				if j >= bpp {
					a, c = row[j-bpp], prev[j-bpp]
				}
				row[j] += paeth(a, prev[j], c)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
