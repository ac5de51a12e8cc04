#!/usr/bin/env bash
# alternate.sh N [ROUNDS] — hugo --minify and razem build (search off),
# one after the other, ROUNDS times (default 5), on one corpus; prints every
# run and the ratio of the medians.
#
#   TMPDIR=/dev/shm bash bench/alternate.sh 10000
#
# On a shared machine single runs swing by a third: alternating puts both
# tools under the same load, and the medians resist the outliers. The
# corpus is ../shared/bench/gencorpus.go's (seed 1) and Hugo runs on
# ../shared/bench/hugo-site, as peer.sh does (compare.sh runs peer.sh).
set -euo pipefail
N="${1:-1000}"
ROUNDS="${2:-5}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED:-$REPO/../shared/bench}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/razem-alternate.XXXXXX")}"
command -v hugo >/dev/null || { echo "alternate.sh: hugo not found (../shared/bench/peer.sh installs it)" >&2; exit 1; }

HUGO="$WORK/hugo" RAZEM="$WORK/razem-site"
if [ ! -d "$HUGO/content" ]; then
  go run "$SHARED/gencorpus.go" -n "$N" -out "$HUGO" -seed 1 >/dev/null
fi
cp "$SHARED/hugo-site/hugo.toml" "$HUGO/"
rm -rf "$HUGO/layouts"; cp -r "$SHARED/hugo-site/layouts" "$HUGO/"
mkdir -p "$RAZEM"
ln -sfn "$HUGO/content" "$RAZEM/content"
ln -sfn "$REPO/themes" "$RAZEM/themes"
printf 'title = "Bench"\n[type_aliases]\nglossary = "term"\n[search]\nenabled = false\n' > "$RAZEM/config.toml"
(cd "$REPO" && go build -trimpath -o "$WORK/razem" ./cmd/razem)
export HUGO_CACHEDIR="$WORK/hugo_cache"

: > "$WORK/hugo.runs"; : > "$WORK/razem.runs"
for ((i = 1; i <= ROUNDS; i++)); do
  rm -rf "$HUGO/public-min" "$HUGO/resources"
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/t" hugo --quiet --minify -s "$HUGO" -d "$HUGO/public-min"
  tee -a "$WORK/hugo.runs" < "$WORK/t" | awk '{printf "hugo --minify  %6.2f s  %6.0f MiB  (CPU %.2f s)\n", $1, $2/1024, $3+$4}'
  rm -rf "$RAZEM/public" "$RAZEM/public-trener"
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/t" "$WORK/razem" build --source "$RAZEM" >/dev/null
  tee -a "$WORK/razem.runs" < "$WORK/t" | awk '{printf "razem build    %6.2f s  %6.0f MiB  (CPU %.2f s)\n", $1, $2/1024, $3+$4}'
done
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
hw=$(cut -d' ' -f1 "$WORK/hugo.runs" | median); rw=$(cut -d' ' -f1 "$WORK/razem.runs" | median)
hm=$(cut -d' ' -f2 "$WORK/hugo.runs" | median); rm_=$(cut -d' ' -f2 "$WORK/razem.runs" | median)
awk -v n="$N" -v r="$ROUNDS" -v hw="$hw" -v rw="$rw" -v hm="$hm" -v rm="$rm_" 'BEGIN {
  printf "%d pages, %d rounds: medians hugo --minify %.2f s, razem (search off) %.2f s -> ratio %.2f (wall); peak RSS %.0f vs %.0f MiB -> %.2f\n",
    n, r, hw, rw, rw/hw, hm/1024, rm/1024, rm/hm }'
echo "work dir: $WORK (remove when done)"
