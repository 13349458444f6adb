package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestScratchPDF(t *testing.T) {
	files, _ := filepath.Glob(os.Getenv("SCRATCH_PDF"))
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		res, err := parsePDF(raw, PDFLimits{})
		fmt.Printf("=== %s err=%v\n", filepath.Base(f), err)
		if res != nil {
			for i, p := range res.Pages {
				t := []rune(p.Text)
				if len(t) > 300 {
					t = t[:300]
				}
				fmt.Printf("--- page %d q=%s joined=%v note=%q\n%s\n", i+1, p.Quality, p.Joined, p.Note, string(t))
			}
		}
	}
}
