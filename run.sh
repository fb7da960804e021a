#!/usr/bin/env bash
# Runs ECR Curator on a fresh Debian machine with the .NET 10 SDK.
# Until the AWS clients land, the product is `plan` over a world file: what the retention policy would delete
# in it, and why. Arguments are passed on: ./run.sh --json, ./run.sh --world FILE, ./run.sh --Curator:Policy:KeepNewest=5
set -euo pipefail
cd "$(dirname "$0")"

world="$PWD/samples/demo.world.json"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --world) world="$(realpath "$2")"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

exec dotnet run --project src/Web --configuration Release -- plan --world "$world" "${args[@]}"
