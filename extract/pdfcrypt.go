package extract

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// openPDF opens raw with the ledongthuc/pdf object layer, working around
// what it rejects or gets wrong:
//   - a %PDF-2.0 (or 1.8, 1.9) header: the object syntax is the same, so the
//     header is rewritten to 1.7 in a copy;
//   - encryption: the library supports neither AES-256 (V5, R5/R6) nor short
//     RC4 keys (it never truncates the object key). The file is decrypted
//     here instead, with the empty user password, into a copy whose /Encrypt
//     entry is renamed so the library reads it as a plain file. A file that
//     needs a real password is class "encrypted".
//
// It returns the bytes the Reader reads (streams are decoded from them).
func openPDF(raw []byte) (*pdf.Reader, []byte, error) {
	data := raw
	if len(data) >= 9 && bytes.HasPrefix(data, []byte("%PDF-")) && !(data[5] == '1' && data[7] >= '0' && data[7] <= '7' && (data[8] == '\n' || data[8] == '\r')) {
		// Same length, so every xref offset stays valid.
		data = append([]byte(nil), data...)
		copy(data, "%PDF-1.7\n")
	}
	if !hasEncrypt(data) {
		r, err := newReader(data)
		if err != nil {
			return nil, nil, Errorf("malformed", "pdf", err)
		}
		return r, data, nil
	}
	masked := maskEncrypt(data)
	r, err := newReader(masked)
	if err != nil {
		return nil, nil, Errorf("malformed", "pdf", err)
	}
	enc := r.Trailer().Key(maskedEncryptKey)
	if enc.IsNull() {
		// "/Encrypt" appeared only inside some other object.
		r, err := newReader(data)
		if err != nil {
			return nil, nil, Errorf("malformed", "pdf", err)
		}
		return r, data, nil
	}
	c, err := newPDFCrypt(enc, r.Trailer().Key("ID").Index(0).RawString())
	if err != nil {
		return nil, nil, err
	}
	plain := c.decryptStreams(masked)
	r, err = newReader(plain)
	if err != nil {
		return nil, nil, Errorf("malformed", "pdf", fmt.Errorf("after decryption: %w", err))
	}
	return r, plain, nil
}

func newReader(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("malformed PDF: %v", x)
		}
	}()
	return pdf.NewReader(bytes.NewReader(data), int64(len(data)))
}

const maskedEncryptKey = "Encrxpt"

var encryptKeyRe = regexp.MustCompile(`/Encrypt[\s/<\[0-9]`)

func hasEncrypt(data []byte) bool {
	// The trailer (or the xref stream dictionary) is near the end; a huge
	// file is not scanned whole for it.
	tail := data
	if len(tail) > 1<<20 {
		tail = tail[len(tail)-1<<20:]
	}
	return encryptKeyRe.Match(tail)
}

func maskEncrypt(data []byte) []byte {
	out := append([]byte(nil), data...)
	for _, loc := range encryptKeyRe.FindAllIndex(out, -1) {
		copy(out[loc[0]+1:], maskedEncryptKey)
	}
	return out
}

// pdfCrypt is the standard security handler with the empty user password.
type pdfCrypt struct {
	key      []byte
	aes      bool
	aes256   bool
	identity bool // streams are not encrypted (crypt filter /Identity)
}

var errNeedsPassword = errors.New("the document needs a user password")

var passwordPadding = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

func newPDFCrypt(enc pdf.Value, id string) (*pdfCrypt, error) {
	if f := enc.Key("Filter").Name(); f != "Standard" {
		return nil, Errorf("encrypted", "pdf", fmt.Errorf("security handler %q is not supported", f))
	}
	V, R := enc.Key("V").Int64(), enc.Key("R").Int64()
	O, U := []byte(enc.Key("O").RawString()), []byte(enc.Key("U").RawString())
	c := &pdfCrypt{}
	if V == 4 || V == 5 {
		stmf := enc.Key("StmF").Name()
		if stmf == "" || stmf == "Identity" {
			c.identity = true
		}
		switch enc.Key("CF").Key(stmf).Key("CFM").Name() {
		case "AESV2":
			c.aes = true
		case "AESV3":
			c.aes, c.aes256 = true, true
		}
	}
	switch {
	case R == 5 || R == 6:
		if len(U) < 48 {
			return nil, Errorf("malformed", "pdf", fmt.Errorf("encryption R=%d with a short U entry", R))
		}
		hashFn := func(salt []byte) []byte { h := sha256.Sum256(salt); return h[:] }
		if R == 6 {
			hashFn = func(salt []byte) []byte { return hashR6(nil, salt, nil) }
		}
		if !bytes.Equal(hashFn(U[32:40]), U[:32]) {
			return nil, Errorf("encrypted", "pdf", fmt.Errorf("AES-256 (R%d): %w", R, errNeedsPassword))
		}
		ue := []byte(enc.Key("UE").RawString())
		if len(ue) != 32 {
			return nil, Errorf("malformed", "pdf", errors.New("encryption: missing UE"))
		}
		block, err := aes.NewCipher(hashFn(U[40:48]))
		if err != nil {
			return nil, Errorf("malformed", "pdf", err)
		}
		key := make([]byte, 32)
		cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, ue)
		c.key, c.aes, c.aes256 = key, true, true
		return c, nil
	case R >= 2 && R <= 4:
		n := enc.Key("Length").Int64()
		if n == 0 {
			n = 40
		}
		if R == 2 {
			n = 40
		}
		if n < 40 || n > 128 || n%8 != 0 {
			return nil, Errorf("malformed", "pdf", fmt.Errorf("encryption key length %d bits", n))
		}
		if len(O) < 32 || len(U) < 16 {
			return nil, Errorf("malformed", "pdf", errors.New("encryption: missing O or U"))
		}
		P := uint32(enc.Key("P").Int64())
		h := md5.New()
		h.Write(passwordPadding)
		h.Write(O[:32])
		h.Write([]byte{byte(P), byte(P >> 8), byte(P >> 16), byte(P >> 24)})
		h.Write([]byte(id))
		if R == 4 && enc.Key("EncryptMetadata").Kind() == pdf.Bool && !enc.Key("EncryptMetadata").Bool() {
			h.Write([]byte{0xFF, 0xFF, 0xFF, 0xFF})
		}
		key := h.Sum(nil)
		kl := int(n / 8)
		if R >= 3 {
			for range 50 {
				s := md5.Sum(key[:kl])
				key = s[:]
			}
		}
		key = key[:kl]
		var u []byte
		if R == 2 {
			u = make([]byte, 32)
			ci, _ := rc4.NewCipher(key)
			ci.XORKeyStream(u, passwordPadding)
		} else {
			s := md5.Sum(append(append([]byte(nil), passwordPadding...), id...))
			u = s[:]
			for i := 0; i <= 19; i++ {
				k := make([]byte, len(key))
				for j := range key {
					k[j] = key[j] ^ byte(i)
				}
				ci, _ := rc4.NewCipher(k)
				ci.XORKeyStream(u, u)
			}
			u = u[:16]
		}
		if !bytes.HasPrefix(U, u) {
			return nil, Errorf("encrypted", "pdf", fmt.Errorf("RC4/AES-128 (R%d): %w", R, errNeedsPassword))
		}
		c.key = key
		return c, nil
	}
	return nil, Errorf("encrypted", "pdf", fmt.Errorf("encryption revision R=%d (V=%d) is not supported", R, V))
}

// hashR6 is ISO 32000-2 algorithm 2.B.
func hashR6(pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	K := h.Sum(nil)
	for i := 0; ; i++ {
		seq := append(append(append([]byte(nil), pw...), K...), udata...)
		K1 := bytes.Repeat(seq, 64)
		block, _ := aes.NewCipher(K[:16])
		E := make([]byte, len(K1))
		cipher.NewCBCEncrypter(block, K[16:32]).CryptBlocks(E, K1)
		sum := 0
		for _, b := range E[:16] {
			sum += int(b)
		}
		var hh hash.Hash
		switch sum % 3 {
		case 0:
			hh = sha256.New()
		case 1:
			hh = sha512.New384()
		default:
			hh = sha512.New()
		}
		hh.Write(E)
		K = hh.Sum(nil)
		if i >= 63 && int(E[len(E)-1]) <= i+1-32 {
			break
		}
	}
	return K[:32]
}

func (c *pdfCrypt) objectKey(id uint32, gen uint16) []byte {
	if c.aes256 {
		return c.key
	}
	h := md5.New()
	h.Write(c.key)
	h.Write([]byte{byte(id), byte(id >> 8), byte(id >> 16), byte(gen), byte(gen >> 8)})
	if c.aes {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(c.key)+5, 16)]
}

var (
	objHeadRe   = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\b`)
	lengthRe    = regexp.MustCompile(`/Length\s+(\d+)(?:\s+(\d+)\s+R)?`)
	streamKwRe  = regexp.MustCompile(`stream\r?\n`)
	xrefTypeRe  = regexp.MustCompile(`/Type\s*/XRef\b`)
	intObjValRe = regexp.MustCompile(`^\s*(\d+)`)
)

// decryptStreams decrypts every stream of data in place (in a copy). The
// object structure is found by scanning for "N G obj": the library gives no
// access to its cross-reference table. An AES stream shrinks by its IV and
// padding; the rest of its /Length is filled with newlines, which decoders
// ignore after the end of the data.
func (c *pdfCrypt) decryptStreams(data []byte) []byte {
	out := append([]byte(nil), data...)
	if c.identity {
		return out
	}
	heads := objHeadRe.FindAllSubmatchIndex(data, -1)
	objAt := make(map[int]int, len(heads)) // object number → offset after "obj"
	for _, h := range heads {
		id, _ := strconv.Atoi(string(data[h[2]:h[3]]))
		objAt[id] = h[1]
	}
	for i, h := range heads {
		end := len(data)
		if i+1 < len(heads) {
			end = heads[i+1][0]
		}
		body := data[h[1]:end]
		sk := streamKwRe.FindIndex(body)
		if sk == nil {
			continue
		}
		dictPart := body[:sk[0]]
		if xrefTypeRe.Match(dictPart) {
			continue // cross-reference streams are never encrypted
		}
		start := h[1] + sk[1]
		n := -1
		if m := lengthRe.FindSubmatch(dictPart); m != nil {
			v, _ := strconv.Atoi(string(m[1]))
			if m[2] == nil {
				n = v
			} else if at, ok := objAt[v]; ok {
				if mm := intObjValRe.FindSubmatch(data[at:min(at+32, len(data))]); mm != nil {
					n, _ = strconv.Atoi(string(mm[1]))
				}
			}
		}
		if n < 0 || start+n > len(data) {
			if j := bytes.Index(data[start:end], []byte("endstream")); j >= 0 {
				n = len(bytes.TrimRight(data[start:start+j], "\r\n"))
			} else {
				continue
			}
		}
		id, _ := strconv.Atoi(string(data[h[2]:h[3]]))
		gen, _ := strconv.Atoi(string(data[h[4]:h[5]]))
		key := c.objectKey(uint32(id), uint16(gen))
		seg := out[start : start+n]
		if !c.aes {
			ci, _ := rc4.NewCipher(key)
			ci.XORKeyStream(seg, seg)
			continue
		}
		if len(seg) < 32 {
			continue
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			continue
		}
		body2 := append([]byte(nil), seg[16:len(seg)-(len(seg)-16)%16]...)
		cipher.NewCBCDecrypter(block, seg[:16]).CryptBlocks(body2, body2)
		if p := int(body2[len(body2)-1]); p >= 1 && p <= 16 && p <= len(body2) {
			body2 = body2[:len(body2)-p]
		}
		copy(seg, body2)
		for k := len(body2); k < len(seg); k++ {
			seg[k] = '\n'
		}
	}
	return out
}
