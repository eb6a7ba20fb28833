#!/usr/bin/env bash
# The studio page's browser test drives Debian's Chromium (puppeteer-core, executablePath
# /usr/bin/chromium); nothing downloads a browser of its own. Installs it when it is missing,
# with Latin fonts and a small Chinese one (the page is bilingual; 1.6 MB).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing; install it as root: apt-get update && apt-get install -y chromium fonts-liberation fonts-wqy-microhei" >&2
  echo "ensure-chromium：缺少 /usr/bin/chromium；请以 root 安装：apt-get update && apt-get install -y chromium fonts-liberation fonts-wqy-microhei" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation fonts-wqy-microhei >/dev/null
/usr/bin/chromium --version
