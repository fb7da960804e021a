#!/usr/bin/env bash
# The scale benchmark (issue 9) from a clean checkout: a throwaway PostgreSQL of Debian's packages with its default
# settings (fsync on) but 300 connections, a Release build, then the benchmark with the arguments given, e.g.
#   tests/Benchmarks/scale.sh --repositories 10000 --images-per-repository 100 --tasks 20000 --days 3
# Figures go to standard output; docs/benchmarks.md says what they mean.
set -euo pipefail
cd "$(dirname "$0")/../.."
pg=$(mktemp -d)
source scripts/throwaway-postgres.sh
trap 'stop_throwaway_postgres; rm -rf "$pg"' EXIT
start_throwaway_postgres -c max_connections=300
dotnet build tests/Benchmarks --configuration Release --nologo --verbosity quiet
dotnet tests/Benchmarks/bin/Release/net10.0/EcrCurator.Benchmarks.dll scale \
  --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=curator_scale;Maximum Pool Size=200" "$@"
