// Package extract turns archive files into clean text with provenance: it finds
// input files, decodes their bytes (UTF-8, UTF-16, GB18030/GBK, Big5), extracts
// PDF text page by page, and removes the debris real archives carry, keeping a
// map from every cleaned character back to the decoded original.
package extract

import (
	"context"
	"time"
)

// Source is one input file found under an input root.
type Source struct {
	Root    string    // the --in directory it was found under
	Path    string    // absolute or root-joined path used to open it
	Rel     string    // path relative to Root, slash-separated; the `source` column
	Size    int64     // bytes at listing time
	ModTime time.Time // mtime at listing time
	Format  string    // txt, pdf, … (from the extension, confirmed by sniffing)
}

// Page is one page of cleaned text. A text file is one page.
type Page struct {
	Number int    // 1-based
	Start  int    // rune offset of the page's first character in Document.Text
	End    int    // rune offset one past the page's last character
	Text   string // cleaned text of the page, original script
	// Quality is ok, garbled or no_text.
	Quality string
}

// Document is an extracted, cleaned document: what the transform stage reads.
type Document struct {
	Source    Source
	DocID     string // sha256 of the raw bytes, hex
	Encoding  string // utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, big5, pdf
	Extractor string // text, pdf-go, pdftotext
	// Text is the cleaned text of the whole document (pages joined by "\n").
	// Offsets anywhere in the pipeline are rune (code point) offsets into Text.
	Text  string
	Pages []Page
	// Orig maps cleaned offsets back to the decoded original text.
	Orig *OffsetMap
	// Status is ok, partial or no_text (failed documents never become a Document).
	Status string
	// Notes are non-fatal observations (debris removed, replacement chars, …).
	Notes []string
}

// Extractor reads one file's bytes into a Document. Implementations exist per
// format; the pipeline picks one by Source.Format.
type Extractor interface {
	Extract(ctx context.Context, src Source, raw []byte) (*Document, error)
}

// Error is a per-document failure with a class from DESIGN.md's errors table
// (malformed, encrypted, timeout, memory, limit, encoding, io, no_text, garbled,
// unsupported). It becomes exactly one row in `errors`.
type Error struct {
	Class string
	Stage string // discover, read, decode, clean, pdf, transform
	Err   error
}

func (e *Error) Error() string { return e.Class + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds a classified error.
func Errorf(class, stage string, err error) *Error {
	return &Error{Class: class, Stage: stage, Err: err}
}
