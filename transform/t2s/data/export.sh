#!/bin/sh
# Regenerates the OpenCC dictionaries used by t2s from Debian's opencc package.
# Usage: apt-get install -y opencc && sh transform/t2s/data/export.sh
# The ocd2 files are marisa tries; opencc_dict dumps them to "key<TAB>cand1 cand2…"
# lines. The dump order follows the trie, so the files are sorted bytewise
# (LC_ALL=C) to keep diffs between OpenCC versions readable.
set -eu

src=${OPENCC_DIR:-/usr/share/opencc}
out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# t2s.json segments with TSPhrases and converts with the group [TSPhrases, TSCharacters].
for d in TSPhrases TSCharacters; do
	opencc_dict -i "$src/$d.ocd2" -o "$tmp/$d.txt" -f ocd2 -t text
	LC_ALL=C sort "$tmp/$d.txt" >"$out/$d.txt"
done

echo "opencc package: $(dpkg-query -W -f='${Version}' opencc 2>/dev/null || echo unknown)"
wc -l "$out/TSPhrases.txt" "$out/TSCharacters.txt"
