#!/usr/bin/env bash
# Times `opencc -c t2s` against t2s.Convert on ~10 MB of generated traditional
# text and counts the characters on which they differ (expected: 0).
# Usage: bash transform/t2s/data/compare.sh [MB]   (needs opencc and go)
# Both timings are whole processes (start-up, dictionary load, file I/O).
set -euo pipefail

mb=${1:-10}
pkg=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v opencc >/dev/null || { echo "opencc CLI not found (apt-get install opencc)" >&2; exit 1; }
(cd "$pkg" && go test -c -o "$tmp/t2s.test" .)

# Every dictionary key once, then the campaign sample repeated to size.
cut -f1 "$pkg/data/TSPhrases.txt" "$pkg/data/TSCharacters.txt" >"$tmp/big.txt"
cp "$pkg/testdata/campaign_hant.txt" "$tmp/chunk.txt"
while [ "$(stat -c %s "$tmp/chunk.txt")" -lt $((mb * 1000000)) ]; do
	cat "$tmp/chunk.txt" "$tmp/chunk.txt" >"$tmp/chunk2.txt"
	mv "$tmp/chunk2.txt" "$tmp/chunk.txt"
done
head -c $((mb * 1000000)) "$tmp/chunk.txt" | sed '$d' >>"$tmp/big.txt" # drop the cut last line
size=$(stat -c %s "$tmp/big.txt")

now() { date +%s%N; }
report() { # name start end
	awk -v n="$1" -v ns=$(($3 - $2)) -v b="$size" \
		'BEGIN { printf "%-8s %7.3f s  %7.1f MB/s\n", n, ns / 1e9, b / 1e6 / (ns / 1e9) }'
}

echo "input: $size bytes, $(opencc --version 2>&1 | grep -i version | head -1)"
t0=$(now)
opencc -c t2s.json -i "$tmp/big.txt" -o "$tmp/opencc.txt"
t1=$(now)
T2S_IN="$tmp/big.txt" T2S_OUT="$tmp/go.txt" "$tmp/t2s.test" -test.run '^TestConvertFile$' >"$tmp/go.log"
t2=$(now)
report opencc "$t0" "$t1"
report t2s "$t1" "$t2"
grep '^Convert alone' "$tmp/go.log"
T2S_DIFF="$tmp/go.txt $tmp/opencc.txt" "$tmp/t2s.test" -test.run '^TestConvertFile$' | grep -E '^(differing|first)'
