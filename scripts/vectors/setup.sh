#!/usr/bin/env bash
# Makes .venv (git-ignored) with NAVER's Python SDKs for make_vectors.py, from the repository root:
#   bash scripts/vectors/setup.sh
# ncloud-monitoring 1.1.0 (the last release with getMetricStatistics) goes into its own --target dir,
# as it shares the import name ncloud_monitoring with the newest release.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -r scripts/vectors/requirements.txt
[ -d .venv/ncloud-monitoring-1.1.0/ncloud_monitoring ] || \
  .venv/bin/pip install -q --no-deps --target .venv/ncloud-monitoring-1.1.0 ncloud-monitoring==1.1.0
