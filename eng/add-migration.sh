#!/usr/bin/env bash
# Adds a migration of the same name to both provider projects, so the two sets stay in step.
# usage: eng/add-migration.sh MigrationName
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: eng/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Masthead.Data.$provider" --startup-project "src/Masthead.Data.$provider" --output-dir Migrations
done
