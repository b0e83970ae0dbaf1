#!/usr/bin/env bash
# Degraded scans of the corpus PDFs, with their gold beside them, for scoring OCR:
# each page rendered at 300 dpi (pdftoppm), rotated by a degree or two, blurred, noised and
# saved as JPEG (ImageMagick), then wrapped back into an image-only PDF (img2pdf).
#   scripts/make-scans.sh [OUT_DIR] [PDF...]     default OUT_DIR .build/scans, every Corpus/*.pdf with a gold
# The images are made, never committed. Deterministic: the noise is seeded per page.
set -euo pipefail
out=${1:-.build/scans}; shift || true
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
convert=$(command -v magick || command -v convert)
angles=(1.2 -1.6 0.8 -1.1 1.8 -0.7)
[ $# -gt 0 ] || set -- "$here"/Corpus/*.pdf
for pdf in "$@"; do
  n=$(basename "$pdf" .pdf); gold="${pdf%.pdf}.gold.json"; [ -f "$gold" ] || continue
  pdftoppm -r 300 -gray -png "$pdf" "$tmp/$n"
  i=0; jpgs=()
  for png in "$tmp/$n"-*.png; do
    a=${angles[$((i % ${#angles[@]}))]}
    "$convert" "$png" -background white -rotate "$a" -blur 0x0.7 -seed $((i + 7)) -attenuate 0.35 +noise Gaussian \
      -colorspace Gray -density 300 -units PixelsPerInch -quality 55 "$tmp/$n-$i.jpg"
    jpgs+=("$tmp/$n-$i.jpg"); i=$((i + 1))
  done
  img2pdf -o "$out/$n.pdf" "${jpgs[@]}"
  cp "$gold" "$out/$n.gold.json"
  rm -f "$tmp/$n"-*
  echo "$out/$n.pdf: $i pages"
done
