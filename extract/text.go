package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// TextExtractor reads plain-text files: Decode, then Clean, into a one-page
// Document.
type TextExtractor struct{}

var _ Extractor = TextExtractor{}

// Extract implements Extractor. Failures are *Error: "no_text" for empty or
// whitespace-only files (and files that are nothing but debris), "encoding"
// for binary or undecodable bytes.
func (TextExtractor) Extract(ctx context.Context, src Source, raw []byte) (*Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, Errorf("timeout", "decode", fmt.Errorf("decode %s: %w", src.Rel, err))
	}
	text, enc, err := Decode(raw)
	if err != nil {
		class, inner := "encoding", err
		var e *Error
		if errors.As(err, &e) {
			class, inner = e.Class, e.Err // avoid "no_text: …: no_text: …"
		}
		return nil, Errorf(class, "decode", fmt.Errorf("decode %s: %w", src.Rel, inner))
	}
	cleaned, m, notes := Clean(text)
	if strings.TrimSpace(cleaned) == "" {
		return nil, Errorf("no_text", "clean", fmt.Errorf("clean %s: nothing left after removing debris (%d characters decoded as %s)", src.Rel, utf8.RuneCountInString(text), enc))
	}
	if n := strings.Count(cleaned, "\uFFFD"); n > 0 {
		notes = append(notes, fmt.Sprintf("%d undecodable characters (U+FFFD) remain", n))
	}
	sum := sha256.Sum256(raw)
	n := m.CleanLen() // the rune count of cleaned
	return &Document{
		Source:    src,
		DocID:     hex.EncodeToString(sum[:]),
		Encoding:  enc,
		Extractor: "text",
		Text:      cleaned,
		Pages:     []Page{{Number: 1, Start: 0, End: n, Text: cleaned, Quality: "ok"}},
		Orig:      m,
		Status:    "ok",
		Notes:     notes,
	}, nil
}
