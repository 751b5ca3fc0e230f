#!/usr/bin/env bash
# The production path from a clean clone (ADR 0014), as the README's "Production" section gives it: clone HEAD,
# `npm ci`, `npm run build`, `npm prune --omit=dev`, migrate a fresh PostgreSQL database, create the admin and
# import two enterprises with the CLI, `npm start` in production mode, then check /readyz, the web app (/ and one of its /assets files) and a
# sign-in, and stop. Also checks that a production start refuses, naming `npm run build`, when the web app is not
# built or was built from other sources.
# Committed work only: the clone is of HEAD. Needs PostgreSQL on postgres://postgres@127.0.0.1:5432 (or
# HUIQI_PROD_CHECK_ADMIN_URL; the database is HUIQI_PROD_CHECK_DB, default huiqi_prod_check, created and dropped)
# and npm's cache (`npm ci --prefer-offline`). Prints how long each step took.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
database="${HUIQI_PROD_CHECK_DB:-huiqi_prod_check}"
admin_url="${HUIQI_PROD_CHECK_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
work="$(mktemp -d "${TMPDIR:-/tmp}/huiqi-clean-clone.XXXXXX")"
server_pid=""
started=$(date +%s)
last=$started
step() {
  local now
  now=$(date +%s)
  printf '[clean clone] %s (%ss; step before: %ss)\n' "$1" "$((now - started))" "$((now - last))"
  last=$now
}
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -- "-$server_pid" 2>/dev/null || true; fi
  psql "$admin_url" -qc "drop database if exists $database with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step "git clone of $(git -C "$repo" rev-parse --short HEAD) into $work"
git clone --quiet "$repo" "$work/huiqi"
cd "$work/huiqi"

step "npm ci"
npm ci --prefer-offline --no-audit --no-fund --loglevel=error

step "npm start in production without a build must refuse, naming npm run build"
if NODE_ENV=production node bin/start.js >"$work/refused.log" 2>&1; then
  echo "FAILED: npm start served without a built web app"; cat "$work/refused.log"; exit 1
fi
grep -q 'npm run build' "$work/refused.log" || { echo "FAILED: the refusal does not name npm run build"; cat "$work/refused.log"; exit 1; }

step "npm run build"
npm run build --silent

step "npm prune --omit=dev"
npm prune --omit=dev --no-audit --no-fund --loglevel=error
for dev in vite @vitejs/plugin-react react antd typescript vitest; do
  [ ! -e "node_modules/$dev" ] || { echo "FAILED: node_modules/$dev is still there after the prune"; exit 1; }
done
bundle_time=$(stat -c %Y dist/server/huiqi.mjs)

step "a web source changed after the build: production refuses naming it; development cannot build without Vite"
printf '\n// changed after the build\n' >>src/web/nav.ts
if NODE_ENV=production node bin/start.js >"$work/stale.log" 2>&1; then
  echo "FAILED: npm start served a stale web app"; cat "$work/stale.log"; exit 1
fi
grep -q 'src/web/nav.ts' "$work/stale.log" && grep -q 'npm run build' "$work/stale.log" \
  || { echo "FAILED: the refusal does not name the changed file and npm run build"; cat "$work/stale.log"; exit 1; }
if HUIQI_MODE=development node bin/start.js >"$work/stale-dev.log" 2>&1; then
  echo "FAILED: a development start without Vite went on"; cat "$work/stale-dev.log"; exit 1
fi
grep -q 'npm install' "$work/stale-dev.log" || { echo "FAILED: no advice to npm install"; cat "$work/stale-dev.log"; exit 1; }
git checkout --quiet src/web/nav.ts

step "fresh PostgreSQL database $database, migrate, admin from the CLI"
psql "$admin_url" -qc "drop database if exists $database with (force)" >/dev/null 2>&1
psql "$admin_url" -qc "create database $database" >/dev/null
export NODE_ENV=production
export DATABASE_URL="${admin_url%/*}/$database"
export HUIQI_DATA_DIR="$work/data"
export HUIQI_SECURE_COOKIES=false
export LOG_LEVEL=warn
# The audit key lives outside the database (ADR 0010): a mounted secret file, as the README's production steps say.
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/audit.key"
chmod 600 "$work/audit.key"
export HUIQI_AUDIT_KEY_FILE="$work/audit.key"
npx --no-install huiqi migrate
password='Prod-Check-2026!x'
HUIQI_PASSWORD="$password" npx --no-install huiqi user add --role admin --username root.admin --name 管理员

step "an import through the CLI (the bundled import worker thread, without dev dependencies)"
node -e '
  // Two enterprises with valid credit codes (GB 32100-2015 check character).
  const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const uscc = (body) => body + chars[(31 - ([...body].reduce((s, c, i) => s + chars.indexOf(c) * weights[i], 0) % 31)) % 31];
  const header = "统一社会信用代码,企业名称,注册地行政区划代码,行业代码,年度,从业人员,营业收入（万元）,资产总额（万元）";
  const rows = [1, 2].map((i) => [uscc("91320583MA000000" + i), "生产检查" + i + "号电子有限公司", "320583", "C39", "2025", "20", "300", "500"].join(","));
  require("node:fs").writeFileSync(process.argv[1], [header, ...rows].join("\n") + "\n");
' "$work/enterprises.csv"
npx --no-install huiqi import enterprises "$work/enterprises.csv" >"$work/import.log" 2>&1 \
  || { echo "FAILED: the import"; cat "$work/import.log"; exit 1; }
[ "$(psql "$DATABASE_URL" -tAc 'select count(*) from enterprises')" = "2" ] \
  || { echo "FAILED: the import did not load 2 enterprises"; cat "$work/import.log"; exit 1; }

step "npm start (production)"
port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# In a session of its own (setsid), so that npm and the server it runs are stopped together, by this id.
PORT=$port setsid npm start --silent >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "FAILED: the server exited"; cat "$work/server.log"; exit 1; }
  sleep 0.5
done

step "checks: /readyz, /, an /assets file, a sign-in"
BASE="$base" PASSWORD="$password" node --input-type=module -e '
  const base = process.env.BASE;
  const fail = (message) => { console.error("FAILED: " + message); process.exit(1); };
  const ready = await fetch(base + "/readyz");
  if (ready.status !== 200) fail("/readyz answered " + ready.status);
  const home = await fetch(base + "/");
  const html = await home.text();
  if (home.status !== 200 || !home.headers.get("content-type")?.startsWith("text/html")) fail("/ is not the web app");
  const script = html.match(/<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/);
  if (!script) fail("/ has no script tag of the app: " + html.slice(0, 300));
  const asset = await fetch(base + script[1]);
  const body = await asset.text();
  if (asset.status !== 200 || !/javascript/.test(asset.headers.get("content-type") ?? "") || body.length < 1000)
    fail(script[1] + " answered " + asset.status + " " + asset.headers.get("content-type"));
  const login = await fetch(base + "/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "root.admin", password: process.env.PASSWORD }),
  });
  if (login.status !== 200) fail("sign-in answered " + login.status + " " + (await login.text()));
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  const me = await fetch(base + "/api/auth/me", { headers: { cookie } });
  const user = await me.json();
  if (me.status !== 200 || user.user?.username !== "root.admin" || user.user?.role !== "admin")
    fail("/api/auth/me answered " + me.status + " " + JSON.stringify(user));
  console.log("ok: /readyz, / with " + script[1] + " (" + body.length + " bytes), signed in as root.admin");
'
[ "$(stat -c %Y dist/server/huiqi.mjs)" = "$bundle_time" ] || { echo "FAILED: the start rebuilt the server bundle"; exit 1; }
grep -q 'No web app' "$work/server.log" && { echo "FAILED: the server says it has no web app"; exit 1; }

step "stop (SIGTERM)"
kill -TERM -- "-$server_pid"
# Wait for the whole process group: npm may exit before the server it runs has finished draining.
for _ in $(seq 1 60); do kill -0 -- "-$server_pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 -- "-$server_pid" 2>/dev/null; then echo "FAILED: the server did not stop on SIGTERM"; cat "$work/server.log"; exit 1; fi
server_pid=""
if curl -fsS "$base/healthz" >/dev/null 2>&1; then echo "FAILED: still answering after SIGTERM"; cat "$work/server.log"; exit 1; fi
step "production start from a clean clone: passed"
