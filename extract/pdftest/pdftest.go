// Package pdftest builds small PDF files for tests: the extractor's own
// tests and the hostile-input suite write their fixtures with it instead of
// committing binary files.
package pdftest

import (
	"bytes"
	"fmt"
	"strings"
)

// Make assembles a PDF from object bodies (object i+1 is objs[i]) after the
// header line, with a correct cross-reference table; "%LEN%" in a stream
// object becomes the stream's length.
func Make(header string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString(header + "\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		if j := strings.Index(o, "stream\n"); j >= 0 {
			k := strings.LastIndex(o, "\nendstream")
			o = strings.Replace(o, "%LEN%", fmt.Sprint(k-(j+len("stream\n"))), 1)
		}
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}
