#!/usr/bin/env bash
# Vendors the front-end assets from the npm registry into static/vendor/ (committed, so a fresh
# clone needs neither npm nor internet). Run `make assets` after changing a version below.
set -euo pipefail
BOOTSTRAP=5.3.9
FONTAWESOME=6.7.2
METAL_MANIA=5.3.0
ROCK_SALT=5.3.0
CHARTJS=4.6.1

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund \
  "bootstrap@$BOOTSTRAP" "@fortawesome/fontawesome-free@$FONTAWESOME" \
  "@fontsource/metal-mania@$METAL_MANIA" "@fontsource/rock-salt@$ROCK_SALT" "chart.js@$CHARTJS"
nm="$work/node_modules"
rm -rf "$dest"
mkdir -p "$dest"/{bootstrap/css,bootstrap/js,fontawesome/css,fontawesome/webfonts,fonts,chartjs}
cp "$nm/bootstrap/dist/css/bootstrap.min.css" "$dest/bootstrap/css/"
cp "$nm/bootstrap/dist/js/bootstrap.bundle.min.js" "$dest/bootstrap/js/"
cp "$nm/bootstrap/LICENSE" "$dest/bootstrap/"
cp "$nm/@fortawesome/fontawesome-free/css/all.min.css" "$dest/fontawesome/css/"
cp "$nm/@fortawesome/fontawesome-free/webfonts/"*.woff2 "$nm/@fortawesome/fontawesome-free/webfonts/"*.ttf "$dest/fontawesome/webfonts/"
cp "$nm/@fortawesome/fontawesome-free/LICENSE.txt" "$dest/fontawesome/"
cp "$nm/@fontsource/metal-mania/files/metal-mania-latin-400-normal.woff2" "$dest/fonts/"
cp "$nm/@fontsource/rock-salt/files/rock-salt-latin-400-normal.woff2" "$dest/fonts/"
cp "$nm/@fontsource/metal-mania/LICENSE" "$dest/fonts/LICENSE-metal-mania" 2>/dev/null || true
cp "$nm/@fontsource/rock-salt/LICENSE" "$dest/fonts/LICENSE-rock-salt" 2>/dev/null || true
cp "$nm/chart.js/dist/chart.umd.min.js" "$dest/chartjs/" 2>/dev/null || cp "$nm/chart.js/dist/chart.umd.js" "$dest/chartjs/chart.umd.min.js"
cp "$nm/chart.js/LICENSE.md" "$dest/chartjs/"
# Source maps are not shipped: drop their references so the manifest storage finds every file.
find "$dest" \( -name '*.css' -o -name '*.js' \) -exec sed -i -E 's@/[*/]# sourceMappingURL=[^ *]*( \*/)?@@' {} +
cat > "$dest/VERSIONS" <<VERS
bootstrap $BOOTSTRAP
@fortawesome/fontawesome-free $FONTAWESOME
@fontsource/metal-mania $METAL_MANIA
@fontsource/rock-salt $ROCK_SALT
chart.js $CHARTJS
VERS
echo "Vendored into $dest:"; du -sh "$dest"
