#!/usr/bin/env bash
# Everything a fresh clone needs before `npm start`: Debian packages (Chromium, CJK fonts …),
# npm packages, a check that the sqlite3 native module loads, and the renderer build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
node -e "require('sqlite3')" || { echo "setup: the sqlite3 native module does not load on $(node -v)" >&2; exit 1; }
if node -e "process.exit(require('./package.json').scripts.build ? 0 : 1)"; then npm run build; fi
