package gen

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportetl/reportetl/extract"
	"github.com/reportetl/reportetl/jobs"
	"github.com/reportetl/reportetl/transform/t2s"
)

func generate(t *testing.T, cfg Config) string {
	t.Helper()
	if cfg.Out == "" {
		cfg.Out = t.TempDir()
	}
	if _, err := Generate(context.Background(), cfg, nil); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return cfg.Out
}

// readTree maps every file under dir (relative path) to its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSameSeedSameBytes(t *testing.T) {
	a := readTree(t, generate(t, Config{N: 120, Seed: 7, Workers: 1}))
	b := readTree(t, generate(t, Config{N: 120, Seed: 7, Workers: 4}))
	if len(a) != len(b) || len(a) != 120+2 {
		t.Fatalf("file counts differ: %d vs %d (want 122: 120 reports, gold, manifest)", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	c := readTree(t, generate(t, Config{N: 120, Seed: 8}))
	if bytes.Equal(a["gold.jsonl"], c["gold.jsonl"]) {
		t.Fatal("a different seed gave the same gold file")
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{N: 0, Out: "x"}, "--n"},
		{Config{N: 1}, "--out"},
		{Config{N: 1, Out: "x", YearFrom: 2021, YearTo: 2018}, "--years"},
		{Config{N: 1, Out: "x", PDFShare: 1.5}, "--pdf-share"},
	} {
		err := tc.cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want an error naming %q", tc.cfg, err, tc.want)
		}
	}
	if err := (&Config{N: 1, Out: "x", PDFShare: 0.2}).Validate(); err != nil {
		t.Errorf("--pdf-share 0.2: %v, want it accepted", err)
	}
	out := generate(t, Config{N: 3, Seed: 1})
	if _, err := Generate(context.Background(), Config{N: 3, Out: out}, nil); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second Generate into the same folder: %v, want an 'already exists' error", err)
	}
}

// Every encoding the generator writes must come back as the same text
// through the pipeline's decoder, with the right encoding name.
func TestEncodingsDecode(t *testing.T) {
	names := map[string]string{"utf-8": extract.EncUTF8, "utf-8-bom": extract.EncUTF8BOM, "utf-16le": extract.EncUTF16LE, "gbk": extract.EncGB18030, "big5": extract.EncBig5}
	cfg := Config{N: 400, Seed: 3}
	seen := map[string]int{}
	for i := 0; i < cfg.N; i++ {
		d := cfg.Doc(i)
		seen[d.Encoding]++
		text, enc, err := extract.Decode(d.Raw)
		if err != nil {
			t.Fatalf("%s (%s): Decode: %v", d.Name, d.Encoding, err)
		}
		if enc != names[d.Encoding] {
			t.Errorf("%s: written as %s, decoded as %s", d.Name, d.Encoding, enc)
			continue
		}
		if text != d.Text {
			t.Errorf("%s (%s): decoded text differs from the generated text", d.Name, d.Encoding)
		}
	}
	for e := range names {
		if seen[e] == 0 {
			t.Errorf("no %s document among %d", e, cfg.N)
		}
	}
}

// The gold must describe the text: every fact's evidence is in the document
// (where no debris was inserted into it), and the traditional text converts
// back to exactly the simplified text it was made from.
func TestGoldEvidenceInText(t *testing.T) {
	cfg := Config{N: 300, Seed: 5}
	for i := 0; i < cfg.N; i++ {
		d := cfg.Doc(i)
		if strings.Contains(strings.Join(d.Debris, ","), "pinyin") || strings.Contains(strings.Join(d.Debris, ","), "scraped") {
			continue
		}
		lines, err := jobs.ReadGold(bytes.NewReader(d.Gold))
		if err != nil {
			t.Fatalf("%s: gold does not parse: %v", d.Name, err)
		}
		for _, g := range lines {
			if g.Metric != "" && !strings.Contains(d.Text, g.Evidence) {
				t.Errorf("%s: evidence %q of %s not in the text", d.Name, g.Evidence, g.Metric)
			}
		}
	}
	s := "扫黑除恶专项斗争开展以来，全县累计悬挂横幅2300余条，发放宣传资料18万余份，打掉涉恶犯罪团伙9个，查处“保护伞”2人。"
	h := toHant(s)
	if h == s || t2s.Convert(h) != s {
		t.Errorf("toHant(%q) = %q; t2s back gives %q", s, h, t2s.Convert(h))
	}
}

func TestChineseNumerals(t *testing.T) {
	for v, want := range map[int]string{1: "一", 10: "十", 12: "十二", 120: "一百二十", 105: "一百零五", 1005: "一千零五",
		1050: "一千零五十", 10500: "一万零五百", 12000: "一万二千", 110000: "十一万", 300000: "三十万"} {
		if got := chinese(v); got != want {
			t.Errorf("chinese(%d) = %q, want %q", v, got, want)
		}
	}
}

// The pipeline on a generated archive, scored against the generator's own
// gold: a drop below the floor means the generator and the extractor no
// longer agree on what reports say (either may be wrong: look at the misses
// with `reportetl eval`).
func TestPipelineScoresOnGeneratedGold(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline on 200 documents")
	}
	dir := generate(t, Config{N: 200, Seed: 11})
	out := filepath.Join(t.TempDir(), "ds")
	sum, err := jobs.Run(context.Background(), jobs.RunConfig{Inputs: []string{ArchiveDir(dir)}, Out: out})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if sum.Failed != 0 || sum.Docs != 200 {
		t.Fatalf("run: %d documents, %d failed; want 200, 0", sum.Docs, sum.Failed)
	}
	gold, err := jobs.ReadGoldFile(GoldPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := jobs.Eval(out, gold)
	if err != nil {
		t.Fatal(err)
	}
	const floor = 0.9
	if rep.Overall.Recall < floor || rep.Overall.Precision < floor {
		var b strings.Builder
		rep.Print(&b, true)
		t.Fatalf("precision %.3f recall %.3f, want both ≥ %.2f\n%s", rep.Overall.Precision, rep.Overall.Recall, floor, b.String())
	}
	if acc := rep.MetaAccuracy(); acc < 0.8 {
		t.Errorf("metadata accuracy %.3f, want ≥ 0.8", acc)
	}
	t.Logf("precision %.3f recall %.3f metadata %.3f", rep.Overall.Precision, rep.Overall.Recall, rep.MetaAccuracy())
}
