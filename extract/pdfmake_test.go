package extract

import (
	"github.com/reportetl/reportetl/extract/pdftest"
)

// makePDF assembles a %PDF-1.4 file from object bodies (pdftest.Make).
func makePDF(objs ...string) []byte { return pdftest.Make("%PDF-1.4", objs...) }

// onePage is a one-page PDF whose content is content and whose font F1 is font.
func onePage(font, content string) []byte {
	return makePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		font,
		"<< /Length %LEN% >>\nstream\n"+content+"\nendstream",
	)
}

// Fixtures shared by the unit, fuzz and isolation tests.
var (
	pdfHelvetica = onePage("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"BT /F1 12 Tf 72 770 Td (Hello PDF world) Tj 0 -20 Td (end) Tj ET")
	// 悬挂横幅200条 in GBK under GBK-EUC-H, no ToUnicode.
	pdfGBK = onePage("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>] >>",
		"BT /F1 12 Tf 72 770 Td <D0FCB9D2BAE1B7F9> Tj (200) Tj <CCF5> Tj ET")
	// 宣传单5000份 under UniGB-UCS2-H.
	pdfUCS2 = onePage("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>] >>",
		"BT /F1 12 Tf 72 770 Td <5BA34F20535500350030003000304EFD> Tj ET")
	// A page with only a filled rectangle: no text layer (as a scan).
	pdfNoText = onePage("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", "0 0 1 rg 10 10 100 100 re f")
	// Kids of the page tree point back at the tree.
	pdfCyclic = makePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 100000000 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Length %LEN% >>\nstream\nBT /F1 12 Tf 72 770 Td (cycle) Tj ET\nendstream",
	)
	// Private-use code points only: a text layer that did not decode.
	pdfGarbled = onePage("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X >>] >>",
		"BT /F1 12 Tf 72 770 Td <E001E002E003E004E005E006E007E008E009E00A> Tj ET")
)
