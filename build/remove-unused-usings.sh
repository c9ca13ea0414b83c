#!/usr/bin/env bash
# Deletes the using directives the compiler reports as unnecessary (IDE0005) in one project.
# Usage: build/remove-unused-usings.sh <project directory>
set -euo pipefail
project_dir=${1:?usage: $0 <project directory>}
dotnet build "$project_dir" 2>&1 | grep -oP '^\S+\.cs\(\d+,\d+\): error IDE0005' | sort -u | \
  sed -E 's/^(.*)\(([0-9]+),[0-9]+\).*/\1 \2/' | sort -k1,1 -k2,2nr | \
  while read -r file line; do sed -i "${line}d" "$file"; done
