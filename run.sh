#!/usr/bin/env bash
# Runs ECR Curator on a fresh Debian machine with the .NET 10 SDK, without AWS: the AWS simulator serves a
# generated organisation (several teams, hundreds of repositories, thousands of images, ECS services and tasks in
# a second account), and `plan` shows what the retention policy would delete in it, and why.
# Arguments go to `plan`: ./run.sh --json, ./run.sh --repository team-1/service-3, ./run.sh --Curator:Policy:KeepNewest=5
# Against real AWS, see the README ("Running plan against AWS").
set -euo pipefail
cd "$(dirname "$0")"

dotnet build src/Web/Web.csproj --configuration Release --nologo --verbosity quiet
dotnet build tests/AwsSimulator/AwsSimulator.csproj --configuration Release --nologo --verbosity quiet

log=$(mktemp)
dotnet tests/AwsSimulator/bin/Release/net10.0/EcrCurator.AwsSimulator.dll \
  --generate --seed 7 --teams 6 --repositories 300 --images-per-repository 16 --services 120 \
  --urls http://127.0.0.1:0 >"$log" 2>&1 &
simulator=$!
trap 'kill $simulator 2>/dev/null; rm -f "$log"' EXIT

endpoint=""
for _ in $(seq 1 150); do
  endpoint=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n 1 || true)
  [ -n "$endpoint" ] && break
  kill -0 $simulator 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$endpoint" ] || { echo "The simulator did not start:" >&2; cat "$log" >&2; exit 1; }
head -n 1 "$log" >&2

AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=simulated AWS_REGION=ap-northeast-1 AWS_ENDPOINT_URL="$endpoint" \
  dotnet src/Web/bin/Release/net10.0/EcrCurator.Web.dll plan \
  --Curator:Registries:0:AccountId=111111111111 --Curator:Registries:0:Region=ap-northeast-1 \
  --Curator:UsageSources:0:AccountId=222222222222 --Curator:UsageSources:0:Region=ap-northeast-1 \
  --Curator:UsageSources:0:RoleArn=arn:aws:iam::222222222222:role/ecr-curator \
  --now 2026-11-27T01:00:00Z "$@"
