#!/usr/bin/env bash
# Fetches the self-hosted fonts the theme's font pairs offer (Core/Publication/Theme.cs) from the npm registry's
# Fontsource packages, and copies the variable-weight Latin and Latin Extended woff2 files, with each font's licence
# (SIL Open Font License 1.1), into src/Masthead.Web/wwwroot/assets/fonts/<font>/<version>/. The files are committed;
# run this only to change a font or its version (then change the version in Theme.cs too).
set -euo pipefail
cd "$(dirname "$0")/.."
FONTS=(  # package@version  italic?
  "source-serif-4@5.3.1 italic"
  "source-sans-3@5.3.1 -"
  "literata@5.3.0 italic"
  "inter@5.3.0 -"
)
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
for entry in "${FONTS[@]}"; do
  read -r spec italic <<<"$entry"
  name="${spec%@*}"; version="${spec#*@}"
  (cd "$WORK" && npm pack --silent "@fontsource-variable/$spec" >/dev/null && mkdir -p "$name" && tar xzf "fontsource-variable-$name-$version.tgz" -C "$name")
  out="src/Masthead.Web/wwwroot/assets/fonts/$name/$version"
  rm -rf "src/Masthead.Web/wwwroot/assets/fonts/$name"; mkdir -p "$out"
  styles=(normal); [ "$italic" = italic ] && styles+=(italic)
  for subset in latin latin-ext; do
    for style in "${styles[@]}"; do
      cp "$WORK/$name/package/files/$name-$subset-wght-$style.woff2" "$out/$subset-$style.woff2"
    done
  done
  cp "$WORK/$name/package/LICENSE" "$out/OFL.txt"
done
du -sh src/Masthead.Web/wwwroot/assets/fonts
