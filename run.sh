#!/usr/bin/env bash
# Runs the whole of ECR Curator locally on a fresh Debian machine with the .NET 10 SDK, without AWS: PostgreSQL from
# Debian's packages (installed if missing) in .demo/postgres, the AWS simulator serving a generated organisation (6 teams,
# 300 repositories, about 8,000 images with multi-arch indexes and signatures, ECS services in a second account reached
# through a role), four snapshots a simulated week apart, two proposals executed and one rejected, and the dashboard in
# the Demo environment. It prints the URL; Ctrl-C stops everything it started. Every run starts from a fresh database
# (the simulated world is regenerated each time). Logs: .demo/*.log.
#   ./run.sh                  the dashboard on a free port (DEMO_PORT=8080 ./run.sh for a fixed one)
#   ./run.sh plan [ARGS...]   only the simulator and `plan` (a dry run): ./run.sh plan --json, --repository NAME
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
demo="$root/.demo"
web_dll=src/Web/bin/Release/net10.0/EcrCurator.Web.dll
simulator_dll=tests/AwsSimulator/bin/Release/net10.0/EcrCurator.AwsSimulator.dll
registry=(
  --Curator:Registries:0:AccountId=111111111111 --Curator:Registries:0:Region=ap-northeast-1
  --Curator:UsageSources:0:AccountId=222222222222 --Curator:UsageSources:0:Region=ap-northeast-1
  --Curator:UsageSources:0:RoleArn=arn:aws:iam::222222222222:role/ecr-curator
)
# The world's newest push three weeks ago: four weekly snapshots bring it to today.
world_start=$(date -u -d '21 days ago' +%Y-%m-%dT%H:00:00Z)
world=(
  --generate --seed 7 --teams 6 --repositories 300 --images-per-repository 16 --services 120
  --multi-arch-share 0.2 --signature-share 0.2 --cross-account-share 0.25 --now "$world_start"
)

mkdir -p "$demo"
simulator="" web="" pg_data="" pg_as=()
# Stops a process we started: TERM, then KILL after 15 seconds.
end() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}
stop() {
  set +e
  trap - EXIT
  trap '' INT TERM # a second Ctrl-C does not cut the clean-up short
  [ -n "$web" ] && end "$web"
  [ -n "$simulator" ] && end "$simulator"
  [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ] && "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1
  rm -f "$demo/pids"
  [ -n "$web$simulator$pg_data" ] && echo "Stopped everything run.sh started." >&2
  return 0
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Whatever a run killed with SIGKILL left behind (only our own processes, by the ids it recorded).
if [ -f "$demo/pids" ]; then
  while read -r pid; do
    grep -qs EcrCurator "/proc/$pid/cmdline" && kill "$pid" 2>/dev/null || true
  done <"$demo/pids"
  rm -f "$demo/pids"
fi

echo "Building (Release)..." >&2
dotnet build src/Web/Web.csproj --configuration Release --nologo --verbosity quiet >"$demo/build.log" 2>&1 || { cat "$demo/build.log" >&2; exit 1; }
dotnet build tests/AwsSimulator/AwsSimulator.csproj --configuration Release --nologo --verbosity quiet >"$demo/build.log" 2>&1 || { cat "$demo/build.log" >&2; exit 1; }

# The simulator on a free loopback port; sets $endpoint.
start_simulator() {
  dotnet "$simulator_dll" "${world[@]}" --urls http://127.0.0.1:0 >"$demo/simulator.log" 2>&1 &
  simulator=$!
  echo "$simulator" >>"$demo/pids"
  endpoint=""
  for _ in $(seq 1 300); do
    endpoint=$(grep -o 'http://127.0.0.1:[0-9]*' "$demo/simulator.log" | head -n 1 || true)
    [ -n "$endpoint" ] && break
    kill -0 "$simulator" 2>/dev/null || { cat "$demo/simulator.log" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$endpoint" ] || { echo "The simulator did not start:" >&2; cat "$demo/simulator.log" >&2; exit 1; }
  echo "AWS simulator on $endpoint: $(head -n 1 "$demo/simulator.log" | sed 's/^The AWS simulator serves //')" >&2
  export AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=simulated AWS_REGION=ap-northeast-1 AWS_ENDPOINT_URL="$endpoint"
}

if [ "${1:-}" = plan ]; then
  shift
  start_simulator
  dotnet "$web_dll" plan "${registry[@]}" "$@"
  exit
fi

# PostgreSQL from Debian's packages, in .demo/postgres, on a free loopback port. initdb refuses root: as root it runs
# as the postgres user, who must reach the folder; when it cannot (a checkout in root's home), the cluster goes to /tmp.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "Installing PostgreSQL from Debian's packages..." >&2
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_dir="$demo/postgres"
if [ "$(id -u)" -eq 0 ]; then
  pg_as=(runuser -u postgres --)
  mkdir -p "$pg_dir" && chown postgres:postgres "$pg_dir"
  if ! runuser -u postgres -- test -w "$pg_dir"; then
    pg_dir=/tmp/ecr-curator-demo-postgres
    echo "The postgres user cannot reach $demo: the cluster goes to $pg_dir instead." >&2
    mkdir -p "$pg_dir" && chown postgres:postgres "$pg_dir"
  fi
else
  mkdir -p "$pg_dir"
fi
if [ -f "$pg_dir/data/postmaster.pid" ]; then
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
fi
rm -rf "$pg_dir/data"
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >"$demo/initdb.log" 2>&1 || { cat "$demo/initdb.log" >&2; exit 1; }
pg_data="$pg_dir/data"
pg_port=""
for _ in 1 2 3 4 5; do
  port=$(shuf -i 20000-60000 -n 1)
  if "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_dir/log" -w -t 60 \
       -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c max_connections=200" \
       start >/dev/null; then
    pg_port=$port
    break
  fi
done
[ -n "$pg_port" ] || { echo "PostgreSQL did not start:" >&2; cat "$pg_dir/log" >&2; exit 1; }
# Two roles, as docs/deploy.md sets them up: the owner, that migrations run as, and the application's own, which may
# only add to and read the audit log.
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAtX \
  -c "CREATE ROLE curator_owner LOGIN" -c "CREATE ROLE curator LOGIN" -c "CREATE DATABASE ecr_curator OWNER curator_owner" >/dev/null
databases=(
  "--ConnectionStrings:Curator=Host=127.0.0.1;Port=$pg_port;Username=curator;Database=ecr_curator"
  "--ConnectionStrings:CuratorMigrations=Host=127.0.0.1;Port=$pg_port;Username=curator_owner;Database=ecr_curator"
)
echo "PostgreSQL on 127.0.0.1:$pg_port ($pg_dir, a fresh database each run; roles curator_owner and curator)" >&2

start_simulator

# A few weeks of history: a snapshot, then the world a simulated week on, four times (the last one now).
world_epoch=$(date -u -d "$world_start" +%s)
for week in 3 2 1 0; do
  at=()
  [ "$week" -gt 0 ] && at=(--now "$(date -u -d "@$(( world_epoch + 3600 + (21 - 7 * week) * 86400 ))" +%Y-%m-%dT%H:%M:%SZ)")
  echo -n "$([ "$week" -gt 0 ] && echo "$week week(s) ago" || echo "Now"): " >&2
  dotnet "$web_dll" snapshot "${at[@]}" "${databases[@]}" "${registry[@]}" >&2 2>>"$demo/setup.log" \
    || { echo "the snapshot failed; see $demo/setup.log" >&2; exit 1; }
  if [ "$week" -gt 0 ]; then
    curl -fsS -X POST "$endpoint/_sim/advance" -H 'content-type: application/json' -d '{"days":7}' >/dev/null
  fi
done

# Something in History: one proposal approved and executed, one approved with an image excluded, one rejected. The
# rest wait for approval.
psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d ecr_curator -AtX)
mapfile -t pending < <("${psql[@]}" -c "SELECT id FROM proposals WHERE status = 'Pending' ORDER BY id LIMIT 3")
approve() { dotnet "$web_dll" approve "$@" "${databases[@]}" "${registry[@]}" >&2 2>>"$demo/setup.log"; }
if [ "${#pending[@]}" -eq 3 ]; then
  approve "${pending[0]}" --as chiara --comment "Old builds, nothing runs them." || true
  excluded=$("${psql[@]}" -c "SELECT digest FROM proposal_candidates WHERE proposal_id = ${pending[1]} ORDER BY pushed_at DESC LIMIT 1")
  approve "${pending[1]}" --as ben --comment "Keeping the newest candidate for the rollback drill." --exclude "$excluded" || true
  approve "${pending[2]}" --as ben --reject --comment "The team still needs these; they will pin them." || true
fi
echo "$("${psql[@]}" -c "SELECT count(*) FROM proposals WHERE status = 'Pending'") proposals wait for approval." >&2
echo "Audit log: $(dotnet "$web_dll" audit verify "${databases[0]}" 2>>"$demo/setup.log")" >&2

ASPNETCORE_ENVIRONMENT=Demo dotnet "$web_dll" --urls "http://127.0.0.1:${DEMO_PORT:-0}" \
  "${databases[@]}" "${registry[@]}" \
  --Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning >"$demo/web.log" 2>&1 &
web=$!
echo "$web" >>"$demo/pids"
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$demo/web.log" | head -n 1 | sed 's/Now listening on: //' || true)
  [ -n "$url" ] && curl -fsS "$url/readyz" >/dev/null 2>&1 && break
  kill -0 "$web" 2>/dev/null || { echo "The dashboard did not start:" >&2; cat "$demo/web.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$url/readyz" >/dev/null 2>&1 || { echo "The dashboard did not become ready:" >&2; tail -n 40 "$demo/web.log" >&2; exit 1; }

cat <<EOF

  ECR Curator is running: $url/   (ready in $SECONDS s)

  Sign in as aiko, ben, chiara or daniel with the role Viewer, Curator or Admin (the Demo environment's sign-in,
  no password). Logs: .demo/web.log, .demo/simulator.log. Ctrl-C stops everything.

EOF
wait "$web" || { echo "The dashboard stopped:" >&2; tail -n 40 "$demo/web.log" >&2; exit 1; }
