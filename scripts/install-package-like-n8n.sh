#!/usr/bin/env bash
# Installs this package into an n8n user folder exactly the way n8n installs a community package.
#   scripts/install-package-like-n8n.sh <userFolder> [tarball]
# <userFolder> is N8N_USER_FOLDER (n8n keeps its data in <userFolder>/.n8n). Without a tarball the
# repo is `npm pack`ed into a temp dir; run `npm run build` first (dist/ is what gets packed).
#
# What n8n does (read in n8n 1.123.50 and 2.41.1, dist/modules/community-packages/
# community-packages.service.js `downloadPackage`; the two lines are identical here):
#   1. `npm pack <name>@<version>` into <userFolder>/.n8n/nodes, then `tar -xzf <tgz> -C
#      .n8n/nodes/node_modules/<name> --strip-components=1`;
#   2. delete devDependencies, peerDependencies and optionalDependencies from the extracted
#      package.json (only `dependencies` stay);
#   3. run, inside .n8n/nodes/node_modules/<name>: `npm install --audit=false --fund=false
#      --bin-links=false --install-strategy=shallow --ignore-scripts=true --package-lock=false`
#      (so the package's own dependencies land in its own node_modules);
#   4. record `"<name>": "<version>"` in the dependencies of .n8n/nodes/package.json (created at
#      boot as {name: "installed-nodes", private: true, dependencies: {}});
#   5. load it, and save installed_packages / installed_nodes rows in the database.
#
# What n8n needs to LOAD it at boot (both lines): nothing but the folder. The
# `community-packages` backend module (on by default; loading is off only with
# N8N_COMMUNITY_PACKAGES_PREVENT_LOADING=true or N8N_DISABLED_MODULES=community-packages;
# N8N_COMMUNITY_PACKAGES_ENABLED=false hides install/UI but still loads) globs `n8n-nodes-*` and
# `@*/n8n-nodes-*` in <userFolder>/.n8n/nodes/node_modules and loads each match with n8n-core's
# LazyPackageDirectoryLoader (which reads the `n8n` section of its package.json; without
# dist/known/*.json it falls back to requiring every listed file). 1.123: module `loadDir()` ->
# LoadNodesAndCredentials.loadNodesFromNodeModules; 2.41: module `nodeLoaders()` ->
# n8n-core scanDirectoryForPackages, which also skips `*.backup-<n>` folders and packages whose
# `n8n.n8nNodesApiVersion` is newer than it supports. Neither the nodes/package.json entry nor
# the database rows are read for loading: the rows only feed the Settings > Community nodes list
# and the "missing packages" check (a row whose nodes are not loaded). We do steps 1-4; step 5 is
# left out (it needs n8n's own DB layer), so the package works but is not listed in that page.
# N8N_CUSTOM_EXTENSIONS also loads a package folder, but by another loader (CustomDirectoryLoader,
# no package.json `n8n` section) and not the way users get it, so we do not use it.
set -euo pipefail

user_folder="${1:?usage: $0 <userFolder> [tarball]}"
tarball="${2:-}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$tarball" ]; then
  [ -d "$repo/dist" ] || { echo "no $repo/dist: run npm run build first" >&2; exit 1; }
  tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
[ -f "$tarball" ] || { echo "no tarball $tarball" >&2; exit 1; }

nodes="$user_folder/.n8n/nodes"
mkdir -p "$nodes"
[ -f "$nodes/package.json" ] ||
  printf '{\n  "name": "installed-nodes",\n  "private": true,\n  "dependencies": {}\n}\n' > "$nodes/package.json"

# 1. unpack (the name comes from the tarball itself)
mkdir -p "$work/x"
tar -xzf "$tarball" -C "$work/x" --strip-components=1
name="$(node -p 'require(process.argv[1]).name' "$work/x/package.json")"
pkg="$nodes/node_modules/$name"
rm -rf "$pkg"; mkdir -p "$pkg"
tar -xzf "$tarball" -C "$pkg" --strip-components=1

# 2. only `dependencies` survive
node -e '
  const fs = require("fs"), f = process.argv[1];
  const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(f, "utf8"));
  fs.writeFileSync(f, JSON.stringify(pkg, null, 2));
' "$pkg/package.json"

# 3. its own dependencies, with n8n's flags
(cd "$pkg" && npm install --loglevel=error --audit=false --fund=false --bin-links=false \
  --install-strategy=shallow --ignore-scripts=true --package-lock=false)

# 4. record it in nodes/package.json
node -e '
  const fs = require("fs"), [f, name, dir] = process.argv.slice(1);
  const json = JSON.parse(fs.readFileSync(f, "utf8"));
  json.dependencies = { ...json.dependencies, [name]: require(dir + "/package.json").version };
  fs.writeFileSync(f, JSON.stringify(json, null, 2));
' "$nodes/package.json" "$name" "$pkg"

echo "installed $name into $pkg"
