#!/usr/bin/env bash
# compare.sh N — razem beside Hugo (+ Pagefind) on the same synthetic corpus.
#
#   bash bench/compare.sh 1000
#   RUNS=3 bash bench/compare.sh 10000
#
# Runs ../shared/bench/peer.sh N (which installs Hugo and Pagefind and times
# them), then times on the same corpus, one row each:
#   razem-nosearch  razem build with [search] enabled = false (pages + minify)
#   razem           razem build (pages + minify + bleve index + static index)
# and prints the ratios against hugo --minify and hugo --minify + pagefind.
# GNU time gives wall seconds and peak RSS. Set INCR=0 to skip peer.sh's
# hugo server step.
set -euo pipefail
N="${1:-1000}"
RUNS="${RUNS:-1}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED:-$REPO/../shared/bench}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/razem-compare.XXXXXX")}"
export WORK RUNS INCR="${INCR:-0}"

bash "$SHARED/peer.sh" "$N"
RESULTS="$WORK/results.txt"
SITE="$WORK/razem-site"
rm -rf "$SITE"; mkdir -p "$SITE"
ln -s "$WORK/site/content" "$SITE/content"
ln -s "$REPO/themes" "$SITE/themes"
(cd "$REPO" && go build -trimpath -o "$WORK/razem" ./cmd/razem)

config() { # config SEARCH
  printf 'title = "Bench"\n[type_aliases]\nglossary = "term"\n[search]\nenabled = %s\n' "$1" > "$SITE/config.toml"
}

time_razem() { # time_razem LABEL
  local label="$1" i wall=() rss=()
  for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$SITE/public" "$SITE/public-trener" # both editions, as peer.sh starts each peer from nothing
    /usr/bin/time -f '%e %M' -o "$WORK/$label.time" "$WORK/razem" build --source "$SITE" > "$WORK/$label.out" 2>&1 ||
      { cat "$WORK/$label.out"; exit 1; }
    read -r w r < "$WORK/$label.time"
    wall+=("$w"); rss+=("$r")
  done
  local mw mr
  mw=$(printf '%s\n' "${wall[@]}" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')
  mr=$(printf '%s\n' "${rss[@]}" | sort -g | awk '{v[NR]=$1} END {printf "%.1f", ((NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)/1024}')
  printf '%-14s wall %7ss   peak RSS %7s MiB   runs %d   (%s)\n' "$label" "$mw" "$mr" "$RUNS" "$(tail -1 "$WORK/$label.out")" | tee -a "$RESULTS"
  eval "${label//-/_}_wall=$mw; ${label//-/_}_rss=$mr"
}

config false; time_razem razem-nosearch
config true; time_razem razem

hugo_wall=$(awk '$1 == "hugo-minify" {print $3}' "$RESULTS" | tr -d s)
hugo_rss=$(awk '$1 == "hugo-minify" {print $10}' "$RESULTS")
pf_wall=$(awk '$1 == "pagefind" {print $3}' "$RESULTS" | tr -d s)
pf_rss=$(awk '$1 == "pagefind" {print $10}' "$RESULTS")
awk -v rn="$razem_nosearch_wall" -v r="$razem_wall" -v h="$hugo_wall" -v p="$pf_wall" \
    -v rnm="$razem_nosearch_rss" -v rm="$razem_rss" -v hm="$hugo_rss" -v pm="$pf_rss" 'BEGIN {
  printf "ratio: razem without search / hugo --minify           = %.2f (wall), %.2f (peak RSS)\n", rn/h, rnm/hm
  printf "ratio: razem / (hugo --minify + pagefind)              = %.2f (wall), peak RSS %.0f vs max(%.0f, %.0f) MiB\n", r/(h+p), rm, hm, pm
}' | tee -a "$RESULTS"
echo "results: $RESULTS"
