#!/usr/bin/env bash
# Browser tests use Debian's Chromium (never a downloaded browser) and a CJK font so screenshots
# show Chinese text. Install what is missing when possible (root + apt-get); otherwise stop with
# a message saying how.
set -euo pipefail
chromium=""
for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$c" ] && [ -x "$c" ]; then chromium="$c"; break; fi
done
need=()
[ -n "$chromium" ] || need+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -eq 0 ]; then
  echo "chromium: $chromium (CJK font present)"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for browser tests: ${need[*]} (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  echo "chromium: $(command -v chromium)"
  exit 0
fi
if [ -n "$chromium" ]; then
  echo "warning: no CJK font installed; screenshots will show boxes for Chinese (apt-get install fonts-wqy-zenhei)" >&2
  exit 0
fi
cat >&2 <<'MSG'
浏览器测试需要 Debian 的 Chromium，但本机没有安装，且当前用户无法自动安装。
请运行：sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-zenhei
或设置 CHROMIUM_PATH 指向已安装的 Chromium，然后重新运行 npm test。
Browser tests need Debian's Chromium, which is not installed and cannot be installed as this user.
Run: sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-zenhei
(or set CHROMIUM_PATH to an installed Chromium), then run npm test again.
MSG
exit 1
