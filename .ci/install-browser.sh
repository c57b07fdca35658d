#!/usr/bin/env bash
# Debian's chromium for the Playwright suites (Playwright cannot download its own browser here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then echo "chromium is missing and installing it needs root: apt-get install -y chromium"; exit 1; fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
