#!/bin/sh
# Reports to ECR Curator the images a Kubernetes cluster runs, so that they are never deleted while it runs them.
#
#   kubectl get pods -A -o json | CURATOR_URL=https://curator.example.com CURATOR_TOKEN_FILE=/var/run/curator/token \
#     CURATOR_SOURCE=eks/prod ./report-usage.sh
#
# It reads the pods on standard input (or runs `kubectl get pods -A -o json` itself when standard input is a terminal)
# and posts to POST /api/v1/usage-reports the image of every container and init container of every pod that is not
# finished (phase other than Succeeded and Failed): the digest the kubelet reports, status.containerStatuses[].imageID
# and status.initContainerStatuses[].imageID with the docker-pullable:// (or docker://) prefix removed, or, while a
# container has no digest yet (still pulling), the image reference it names (its tag, resolved at snapshot time).
# Needs jq and curl (POSIX sh). Settings (environment):
#   CURATOR_URL                  where ECR Curator answers (required)
#   CURATOR_TOKEN_FILE           a file holding an API token with the usage:report scope (or CURATOR_TOKEN, the token)
#   CURATOR_SOURCE               this cluster's name in ECR Curator, e.g. eks/prod (required)
#   CURATOR_EXPIRES_IN_HOURS     how long the report protects its images, 1 to 720 (default 48): run it well within that
# Exit status: 0 reported, 1 the post failed, 2 bad settings or input.
set -eu

fail() { echo "report-usage: $1" >&2; exit "${2:-2}"; }

[ -n "${CURATOR_URL:-}" ] || fail "CURATOR_URL is not set: where ECR Curator answers, e.g. https://curator.example.com"
[ -n "${CURATOR_SOURCE:-}" ] || fail "CURATOR_SOURCE is not set: this cluster's name, e.g. eks/prod"
hours="${CURATOR_EXPIRES_IN_HOURS:-48}"
case "$hours" in '' | *[!0-9]*) fail "CURATOR_EXPIRES_IN_HOURS must be a whole number of hours, 1 to 720" ;; esac
if [ -n "${CURATOR_TOKEN_FILE:-}" ]; then
  [ -r "$CURATOR_TOKEN_FILE" ] || fail "CURATOR_TOKEN_FILE $CURATOR_TOKEN_FILE cannot be read"
  token=$(tr -d ' \r\n' < "$CURATOR_TOKEN_FILE")
else
  token="${CURATOR_TOKEN:-}"
fi
[ -n "$token" ] || fail "no token: set CURATOR_TOKEN_FILE (or CURATOR_TOKEN) to an API token with the usage:report scope"
command -v jq >/dev/null || fail "jq is not installed"
command -v curl >/dev/null || fail "curl is not installed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
umask 077

if [ -t 0 ]; then kubectl get pods -A -o json > "$work/pods.json"; else cat > "$work/pods.json"; fi

jq -c --arg source "$CURATOR_SOURCE" --argjson hours "$hours" '
  def image_of: (.imageID // "" | sub("^(docker-pullable|docker)://"; "")) as $id
    | if ($id | test("@sha256:[0-9a-f]{64}$")) then $id else (.image // empty) end;
  {
    source: $source,
    images: [ .items[]
              | select(.status.phase != "Succeeded" and .status.phase != "Failed")
              | (.status.containerStatuses // [])[], (.status.initContainerStatuses // [])[]
              | image_of
              | select(length > 0) ] | unique,
    expiresInHours: $hours
  }' "$work/pods.json" > "$work/report.json" || fail "standard input is not the JSON of kubectl get pods -A -o json"

printf 'Authorization: Bearer %s\n' "$token" > "$work/headers"
if ! curl --silent --show-error --fail-with-body --max-time 60 --retry 3 \
    -H @"$work/headers" -H 'Content-Type: application/json' --data-binary @"$work/report.json" \
    "${CURATOR_URL%/}/api/v1/usage-reports"; then
  echo >&2
  fail "the report was not accepted" 1
fi
echo
