#!/usr/bin/env bash
# Makes the committed test PDFs from sample reports (run from the repository
# root): each sample is decoded with extract.Decode, then printed to PDF by
# LibreOffice (Writer, from UTF-8 text: CFF subsets with ToUnicode) and by
# headless Chromium (from HTML: Skia Type3/TrueType fonts, running header and
# footer with title, date, URL and page numbers left on to exercise their
# removal). Needs: apt-get install -y libreoffice-writer-nogui chromium fonts-noto-cjk
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
out=extract/testdata/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
samples=(
  "testdata/sample/2019_城固县公安局_扫黑除恶专项斗争工作总结.txt"
  "testdata/sample/2019_甘谷县扫黑除恶专项斗争工作存在问题及原因分析.txt"
  "testdata/sample/2020_勉縣農村商業銀行_掃黑除惡工作情況匯報.txt"
  "testdata/sample/2021_wuhouzhen_saohei_jingyan.txt"
)
go run ./extract/testdata/pdf/gen "$tmp" "${samples[@]}"
for s in "${samples[@]}"; do
  name=$(basename "$s" .txt)
  soffice --headless --infilter="Text (encoded):UTF8" --convert-to pdf --outdir "$tmp/lo" "$tmp/$name.txt" >/dev/null
  cp "$tmp/lo/$name.pdf" "$out/$name.libreoffice.pdf"
  # Chromium embeds whole CJK font subsets (~450 KB a file): two are enough.
  case "$name" in 2019_城固县公安局*|2020_勉縣*) ;; *) continue ;; esac
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/chrome" \
    --print-to-pdf="$out/$name.chromium.pdf" "file://$tmp/$name.html" 2>/dev/null
done
ls -l "$out"/*.pdf
