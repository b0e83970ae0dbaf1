#!/usr/bin/env bash
# Issue 14's whole-folder runs (make legacy-check): every .doc/.rtf of the wild corpus parsed one
# by one and imported in a batch of 100; every scanned wild PDF parsed; degraded scans of the
# corpus PDFs made and scored against the corpus gold.      scripts/legacy-check.sh VANBAN
set -uo pipefail
vb=$(realpath "$1"); here=$(cd "$(dirname "$0")/.." && pwd); wild="$here/../shared/corpus/wild"
[ -d "$wild" ] || { echo "legacy-check: ../shared/corpus/wild is absent"; exit 0; }
out="$here/.build/legacy-check"; rm -rf "$out"; mkdir -p "$out/doc" "$out/scan"
i=0; while IFS= read -r f; do i=$((i + 1)); ln -s "$f" "$out/doc/$(printf %03d $i)-$(basename "$f")"; done \
  < <(find "$wild" -type f \( -iname '*.doc' -o -iname '*.rtf' \) | sort)
# A scan: a PDF whose text layer holds (almost) nothing, or only a signature stamp's words.
while IFS= read -r f; do
  c=$(pdftotext "$f" - 2>/dev/null | tr -d '[:space:]' | wc -c); n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages/{print $2}')
  [ "$c" -lt $((200 * ${n:-1})) ] && ln -s "$f" "$out/scan/$(basename "$(dirname "$f")")-$(basename "$f")"
done < <(find "$wild" -type f -iname '*.pdf' | sort)

echo "== wild .doc/.rtf, one process per file"
t0=$(date +%s.%N); python3 "$here/../shared/tools/wild_run.py" "$vb" "$out/doc" "$out/doc.tsv"; t1=$(date +%s.%N)
echo "  $(ls "$out/doc" | wc -l) files, $(echo "($t1 - $t0) / $(ls "$out/doc" | wc -l)" | bc -l | cut -c1-5) s per file"

echo "== wild .doc, a batch of 100 in one import (one LibreOffice process per batch)"
mkdir -p "$out/batch"; ls "$out/doc" | grep -i '\.doc$' | head -100 | while read -r f; do ln -s "$(readlink "$out/doc/$f")" "$out/batch/$f"; done
t0=$(date +%s.%N); "$vb" import --db "$out/batch.sqlite" "$out/batch" 2>/dev/null | tail -3; t1=$(date +%s.%N)
echo "  $(ls "$out/batch" | wc -l) files, $(echo "($t1 - $t0) / $(ls "$out/batch" | wc -l)" | bc -l | cut -c1-5) s per file in the batch"

echo "== wild scans (OCR)"
pages=0; for f in "$out"/scan/*.pdf; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages/{print $2}'))); done
t0=$(date +%s.%N); python3 "$here/../shared/tools/wild_run.py" "$vb" "$out/scan" "$out/scan.tsv"; t1=$(date +%s.%N)
echo "  $(ls "$out/scan" | wc -l) scans, $pages pages, $(echo "($t1 - $t0) / $pages" | bc -l | cut -c1-5) s per page on $(nproc) cores"
for f in "$out"/scan/*.pdf; do
  "$vb" parse --format json "$f" 2>/dev/null | python3 -c "
import json,sys; p=json.load(sys.stdin); h=p['header']
print('  %-60s type=%s number=%s issuer=%s refs=%d conf=%s' % (sys.argv[1][:60], h.get('typeName'), h.get('numberLine'), len(h.get('issuer') or []), len(p['references']),
      [q['meanConfidence'] for q in (p['source'].get('ocr') or {}).get('pages', [])]))" "$(basename "$f")"
done

echo "== degraded scans of the corpus PDFs, scored against the corpus gold"
"$here/scripts/make-scans.sh" "$out/degraded" >/dev/null
"$here/../shared/tools/score_dir.sh" "$vb" "$out/degraded"
