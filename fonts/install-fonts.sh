#!/usr/bin/env bash
# Install docgen's fontconfig aliases so 仿宋/黑体/楷体/小标宋 render with serif, sans and kai stand-ins.
# As root: system-wide (/etc/fonts/conf.d); otherwise for the current user (~/.config/fontconfig/conf.d).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "$(id -u)" = "0" ]; then dest=/etc/fonts/conf.d; else dest="${XDG_CONFIG_HOME:-$HOME/.config}/fontconfig/conf.d"; fi
mkdir -p "$dest"
cp "$here/docgen-fonts.conf" "$dest/64-docgen-cjk.conf"
fc-cache -f >/dev/null 2>&1 || true
echo "已安装字体别名：$dest/64-docgen-cjk.conf"
