#!/usr/bin/env bash
# Makes sure the Debian packages the tests need are present, the way
# `playwright install --with-deps` does: installs them with apt-get when missing and
# running as root; otherwise stops with a message naming the packages.
set -euo pipefail

declare -A binary_of=(
  [chromium]=chromium
  [redis-server]=redis-server
  [ffmpeg]=ffmpeg
  [nginx]=nginx
)
missing=()
for package in "${!binary_of[@]}"; do
  binary=${binary_of[$package]}
  if ! command -v "$binary" >/dev/null 2>&1 && [ ! -x "/usr/bin/$binary" ] &&
    [ ! -x "/usr/sbin/$binary" ]; then
    missing+=("$package")
  fi
done

# Files that are not programs: the colour emoji font, so the end-to-end screenshots show
# the reactions (❤️ 😂 😮 🔥 👏 😢) as every phone does, not as empty boxes.
declare -A file_of=(
  [fonts-noto-color-emoji]=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
)
for package in "${!file_of[@]}"; do
  [ -e "${file_of[$package]}" ] || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages, which are not installed: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing missing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
