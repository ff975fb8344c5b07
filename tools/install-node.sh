#!/usr/bin/env bash
# Installs the Node.js major that .nvmrc names (Lambda's runtime) when the machine's `node` is another one.
# The binary is the official one, from the npm registry's node-linux-<arch> package, so nothing is fetched
# from outside the registry. It goes into a prefix of its own (/opt/node-v<version>, or ~/.local when /opt
# is not writable), the system's Node is left alone, and /usr/local/bin/node (first on the usual PATH)
# links to it when that can be written. Prints the folder to put first on PATH.
#
#   export PATH="$(bash tools/install-node.sh):$PATH"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
major="$(tr -d '[:space:]v' < "$root/.nvmrc")"

current="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
if [ "$current" = "$major" ]; then
  dirname "$(node -p 'process.execPath')"
  exit 0
fi

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "install-node: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
package="node-linux-$arch"
# The newest release of that major the registry holds.
version="$(npm view "$package@$major" version --json | node -e '
  const v = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log([].concat(v).pop());
' 2>/dev/null || true)"
if [ -z "$version" ]; then
  # npm itself needs a node; when there is none the version has to be given.
  version="${NODE_VERSION:?install-node: set NODE_VERSION (no node to ask the registry with)}"
fi

if [ -w /opt ] || [ "$(id -u)" = 0 ]; then prefix="/opt/node-v$version"; else prefix="$HOME/.local/node-v$version"; fi
if [ ! -x "$prefix/bin/node" ]; then
  echo "install-node: installing Node.js $version from the npm registry ($package) into $prefix" >&2
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
  mkdir -p "$prefix"
  tar -xzf "$work"/"$package"-*.tgz -C "$prefix" --strip-components=1
fi
if [ -w /usr/local/bin ] && [ "$(readlink -f /usr/local/bin/node 2>/dev/null)" != "$prefix/bin/node" ]; then
  if [ ! -e /usr/local/bin/node ] || [ -L /usr/local/bin/node ]; then ln -sf "$prefix/bin/node" /usr/local/bin/node; fi
fi
"$prefix/bin/node" --version >&2
echo "$prefix/bin"
