#!/usr/bin/env bash
# Packs the MacroLab packages into a local NuGet folder for the notebooks and for trying a change in another solution:
#   build/pack-local.sh [folder]     (default: artifacts/packages)
# Each pack gets its own version, <prefix>-local.<UTC time> (e.g. 0.1.0-local.20261207-091502), so that NuGet's cache never
# serves an earlier pack of the same version. Prints the version; the notebook loads the newest one in the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
suffix="local.$(date -u +%Y%m%d-%H%M%S)"
dotnet pack MacroLab.sln -c Release -o "$out" -p:VersionSuffix="$suffix" --nologo >&2
echo "$suffix"
