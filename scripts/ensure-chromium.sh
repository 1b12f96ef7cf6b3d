#!/usr/bin/env bash
# Browser tests use Debian's Chromium (never a downloaded browser). Install it when missing and
# possible (root + apt-get); otherwise stop with a message saying how.
set -euo pipefail
for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$c" ] && [ -x "$c" ]; then
    echo "chromium: $c"
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing; installing Debian's chromium package (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: $(command -v chromium)"
  exit 0
fi
cat >&2 <<'MSG'
浏览器测试需要 Debian 的 Chromium，但本机没有安装，且当前用户无法自动安装。
请运行：sudo apt-get update && sudo apt-get install -y chromium
或设置 CHROMIUM_PATH 指向已安装的 Chromium，然后重新运行 npm test。
Browser tests need Debian's Chromium, which is not installed and cannot be installed as this user.
Run: sudo apt-get update && sudo apt-get install -y chromium
(or set CHROMIUM_PATH to an installed Chromium), then run npm test again.
MSG
exit 1
