#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine and ends with one plain line:
# "N passed, N failed", computed from the xUnit reports of every test project.
set -uo pipefail
cd "$(dirname "$0")"

results=$(mktemp -d)
pg=$(mktemp -d)
source scripts/throwaway-postgres.sh
cleanup() {
  stop_throwaway_postgres
  rm -rf "$results" "$pg"
}
trap cleanup EXIT

# PostgreSQL from Debian's packages, in a throwaway cluster on a free loopback port (no fsync: tests only).
start_throwaway_postgres -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300
export CURATOR_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"

# Debian's Chromium for the browser tests (Playwright's own browsers are never downloaded), with a Japanese font for
# the Japanese UI's screenshots; they are saved in artifacts/screenshots.
if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-ipafont-gothic >/dev/null 2>&1; then
  echo "Installing Chromium from Debian's packages..."
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium fonts-ipafont-gothic >/dev/null
fi
# Debian's docker-compose validates docker-compose.yml (there is no Docker engine, and none is installed).
if ! command -v docker-compose >/dev/null; then
  echo "Installing docker-compose from Debian's packages..."
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 docker-compose >/dev/null
fi
# jq and curl for the Kubernetes usage reporter's tests (deploy/reporters/kubernetes), which run it with sh.
if ! command -v jq >/dev/null || ! command -v curl >/dev/null; then
  echo "Installing jq and curl from Debian's packages..."
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 jq curl >/dev/null
fi
rm -rf artifacts/screenshots

dotnet build EcrCurator.sln --configuration Release --nologo --verbosity quiet
build=$?
# Each test project runs in parallel with its own results folder: reports written into one shared folder are named
# by their start time, and two projects starting in the same instant overwrite each other's report.
if [ $build -eq 0 ]; then
  for project in tests/*.Tests/*.Tests.csproj; do
    dotnet test --project "$project" --configuration Release --no-build \
      --results-directory "$results/$(basename "$project" .csproj)" --report-xunit-xml &
  done
  wait
fi

projects=$(find tests -name '*.Tests.csproj' | wc -l)
reports=$(find "$results" -name '*.xml' | wc -l)
sum() { find "$results" -name '*.xml' -exec cat {} + 2>/dev/null | grep -o "<assembly [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum errors) ))
if [ $build -ne 0 ]; then failed=$(( failed + 1 )); echo "The build failed."; fi
if [ "$reports" -lt "$projects" ]; then
  failed=$(( failed + projects - reports ))
  echo "$(( projects - reports )) of $projects test projects produced no results."
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
