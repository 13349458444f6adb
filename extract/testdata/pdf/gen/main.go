// Command gen writes, for each sample report given, its decoded text as
// UTF-8 (NAME.txt, for LibreOffice) and as HTML (NAME.html, for Chromium)
// into an output folder. make.sh turns those into the test PDFs.
package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/reportetl/reportetl/extract"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: gen OUTDIR SAMPLE.txt...")
		os.Exit(2)
	}
	out := os.Args[1]
	for _, in := range os.Args[2:] {
		raw, err := os.ReadFile(in)
		if err != nil {
			fail(err)
		}
		text, _, err := extract.Decode(raw)
		if err != nil {
			fail(fmt.Errorf("%s: %w", in, err))
		}
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		if err := os.WriteFile(filepath.Join(out, name+".txt"), []byte(text), 0o644); err != nil {
			fail(err)
		}
		var b strings.Builder
		b.WriteString("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html.EscapeString(name) + "</title>")
		b.WriteString("<style>body{font-family:'Noto Serif CJK SC',serif;font-size:16pt;line-height:1.6}p{margin:0;text-indent:2em}</style></head><body>\n")
		for _, line := range strings.Split(text, "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			b.WriteString("<p>" + html.EscapeString(strings.TrimSpace(line)) + "</p>\n")
		}
		b.WriteString("</body></html>\n")
		if err := os.WriteFile(filepath.Join(out, name+".html"), []byte(b.String()), 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
