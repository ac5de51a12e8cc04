#!/usr/bin/env bash
# scale.sh N [EDITS] — razem's own figures at scale, on one gencorpus corpus
# (../shared/bench/gencorpus.go, seed 1), in the order DESIGN.md reports them
# ("At scale"):
#
#   1. razem build with search: wall, CPU, peak RSS, and --timings' stages;
#   2. the live heap's peak per 1,000 pages (BenchmarkBuildAndPublish);
#   3. one-file rebuild as razem serve makes it (BenchmarkRebuildOneFile);
#   4. razem serve with search on: save → reload and save → searchable,
#      p50 and p90, and the heap's growth over EDITS saves (default 500)
#      (BenchmarkEditToReload).
#
#   TMPDIR=/dev/shm bash bench/scale.sh 10000
#
# compare.sh puts the build beside Hugo and Pagefind. Nothing here is a
# timed test: the figures are printed, not asserted.
set -euo pipefail
N="${1:-10000}"
EDITS="${2:-500}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED="${SHARED:-$REPO/../shared/bench}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/razem-scale.XXXXXX")}"

SITE="$WORK/corpus$N"
if [ ! -d "$SITE/content" ]; then
  go run "$SHARED/gencorpus.go" -n "$N" -out "$SITE" -seed 1 >/dev/null
fi
ln -sfn "$REPO/themes" "$SITE/themes"
printf 'title = "Bench"\n[type_aliases]\nglossary = "term"\n' > "$SITE/config.toml"
(cd "$REPO" && go build -trimpath -o "$WORK/razem" ./cmd/razem)

echo "== razem build, $N pages"
rm -rf "$WORK/out" "$WORK/out-trener"
/usr/bin/time -f 'wall %e s, CPU %U + %S s, peak RSS %M KB' \
  "$WORK/razem" build --source "$SITE" --dest "$WORK/out" --timings
rm -rf "$WORK/out" "$WORK/out-trener"

# The benchmarks generate the same corpus (seed 1) for themselves, under
# TMPDIR.
cd "$REPO"
echo "== live heap's peak (learner edition)"
go test ./generator -run '^$' -bench 'BuildAndPublish$' -benchtime 1x -pages "$N" | grep Benchmark
echo "== one-file rebuild, both editions"
go test ./generator -run '^$' -bench 'RebuildOneFile$' -benchtime 100x -pages "$N" | grep Benchmark
echo "== razem serve, $EDITS saves"
go test ./cmd/razem -run '^$' -bench 'EditToReload$' -benchtime "${EDITS}x" -pages "$N" -timeout 60m | grep Benchmark
echo "work dir: $WORK (remove when done)"
