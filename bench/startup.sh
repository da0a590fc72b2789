#!/usr/bin/env bash
# Start-up time of the CLI against node itself. Needs hyperfine (apt-get install hyperfine).
# Run after `npm ci` (which builds dist/): bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
hyperfine -N --warmup 5 --runs 50 \
  'node -e 0' \
  'node bin/payprobe.js --version' \
  'node bin/payprobe.js --help'
