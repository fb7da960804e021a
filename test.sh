#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine and ends with one plain line:
# "N passed, N failed", computed from the xUnit reports of every test project.
set -uo pipefail
cd "$(dirname "$0")"

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build EcrCurator.sln --configuration Release --nologo --verbosity quiet
build=$?
if [ $build -eq 0 ]; then
  dotnet test --solution EcrCurator.sln --configuration Release --no-build \
    --results-directory "$results" --report-xunit-xml
fi

projects=$(find tests -name '*.Tests.csproj' | wc -l)
reports=$(find "$results" -name '*.xml' | wc -l)
sum() { cat "$results"/*.xml 2>/dev/null | grep -o "<assembly [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum errors) ))
if [ $build -ne 0 ]; then failed=$(( failed + 1 )); echo "The build failed."; fi
if [ "$reports" -lt "$projects" ]; then
  failed=$(( failed + projects - reports ))
  echo "$(( projects - reports )) of $projects test projects produced no results."
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
