package extract

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Encrypted variants of a LibreOffice test PDF, made with qpdf at test time:
// with the empty user password they must read like the original (RC4 40 and
// 128 bit, AES-128, AES-256 R6, with and without object streams); with a
// user password they are class "encrypted".
func TestPDFEncrypted(t *testing.T) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf not installed (apt-get install -y qpdf); CI must install it")
		}
		t.Skip("qpdf not installed (apt-get install -y qpdf)")
	}
	files, _ := filepath.Glob("testdata/pdf/*libreoffice.pdf")
	if len(files) == 0 {
		t.Fatal("no test PDFs")
	}
	src := files[0]
	raw, _ := os.ReadFile(src)
	want := parseText(t, raw)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		user string
	}{
		{"rc4-40", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"}, ""},
		{"rc4-128", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"}, ""},
		{"aes-128", []string{"--encrypt", "", "owner", "128", "--use-aes=y", "--"}, ""},
		{"aes-256", []string{"--encrypt", "", "owner", "256", "--"}, ""},
		{"aes-256-objstm", []string{"--object-streams=generate", "--encrypt", "", "owner", "256", "--"}, ""},
		{"aes-256-pdf2", []string{"--force-version=2.0", "--encrypt", "", "owner", "256", "--"}, ""},
		{"user-password", []string{"--encrypt", "secret", "owner", "256", "--"}, "secret"},
		{"user-password-rc4", []string{"--allow-weak-crypto", "--encrypt", "secret", "owner", "128", "--use-aes=n", "--"}, "secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".pdf")
			args := append(append([]string{}, tc.args...), src, out)
			if b, err := exec.Command(qpdf, args...).CombinedOutput(); err != nil {
				t.Fatalf("qpdf %v: %v\n%s", args, err, b)
			}
			enc, _ := os.ReadFile(out)
			resp := handlePDF(pdfRequest{Raw: enc})
			if tc.user != "" {
				if resp.Class != "encrypted" {
					t.Errorf("needs a password: class %q (%s), want encrypted", resp.Class, resp.Msg)
				}
				return
			}
			if resp.Class != "" {
				t.Fatalf("%s: %s", resp.Class, resp.Msg)
			}
			if got := joinPageTexts(resp.Parsed); got != want {
				t.Errorf("decrypted text differs:\n got %.200q\nwant %.200q", got, strings.TrimSpace(want))
			}
		})
	}
}
