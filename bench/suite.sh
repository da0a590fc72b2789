#!/usr/bin/env bash
# Wall time of the whole built-in suite against the reference merchant (starts the four sandboxes
# and the merchant each run). Needs hyperfine. Run after `npm ci`: bench/suite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
hyperfine --warmup 1 --runs 10 \
  'node bin/payprobe.js run --config fixtures/merchants/reference/payprobe.config.yaml --reporter json=/dev/null'
