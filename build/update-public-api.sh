#!/usr/bin/env bash
# Records every public symbol the PublicApiAnalyzers report as undeclared (RS0016) in the project's
# PublicAPI.Unshipped.txt, and handles declared symbols that no longer exist (RS0017): an unshipped one is dropped, a
# shipped one is recorded as *REMOVED* in PublicAPI.Unshipped.txt (a breaking change: see "Packages and versions" in
# docs/ARCHITECTURE.md for the version it needs).
# Usage: build/update-public-api.sh src/MacroLab.Data
set -euo pipefail
project_dir=${1:?usage: $0 <project directory>}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
shipped="$project_dir/PublicAPI.Shipped.txt"
for _ in 1 2 3; do
  log=$(dotnet build "$project_dir" --no-incremental 2>&1 || true)
  added=$(grep -oP "RS0016: Symbol '\K.*?(?=' is not part of the declared public API)" <<<"$log" | sort -u || true)
  removed=$(grep -oP "RS0017: Symbol '\K.*?(?=' is part of the declared API, but is either not public or could not be found)" <<<"$log" | sort -u || true)
  [ -z "$added$removed" ] && break
  if [ -n "$removed" ]; then
    grep -vxF -f <(printf '%s\n' "$removed") "$unshipped" > "$unshipped.tmp" || true
    mv "$unshipped.tmp" "$unshipped"
    # Removed symbols that were shipped stay in the shipped file and are marked removed in the unshipped one.
    grep -xF -f <(printf '%s\n' "$removed") "$shipped" | sed 's/^/*REMOVED*/' >> "$unshipped" || true
  fi
  if [ -n "$added" ]; then printf '%s\n' "$added" >> "$unshipped"; fi
  { grep -x '#nullable enable' "$unshipped" >/dev/null && echo '#nullable enable'; grep -vx '#nullable enable' "$unshipped" | sort -u; } > "$unshipped.tmp" || true
  mv "$unshipped.tmp" "$unshipped"
done
grep -qx '#nullable enable' "$unshipped" || sed -i '1i #nullable enable' "$unshipped"
echo "$unshipped: $(grep -vc '^#' "$unshipped") changes since the shipped API"
