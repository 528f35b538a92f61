#!/usr/bin/env bash
# scripts/demo.sh: build and install synergy, start a throw-away cluster of the PostgreSQL
# scripts/lib.sh chooses (the installed one, else the Debian release's; SY_PG_MAJOR overrides),
# load the sample panel and print demo/demo.sql's tables. The cluster is removed on exit, even on failure.
# SY_SKIP_DEPS=1 skips the Debian package check.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source-path=SCRIPTDIR/..
. scripts/lib.sh

sy_banner "Debian packages"
sy_install_deps

sy_banner "Build and install"
sy_build_install

sy_banner "Throw-away PostgreSQL $SY_PG_MAJOR cluster"
sy_cleanup_on_exit
sy_cluster_start demo
sy_createdb synergy_demo postgis synergy synergy_postgis
export PGDATABASE=synergy_demo
psql -X -At -c 'SELECT version()'

sy_banner "Sample data (schema synergy_sample)"
sy_load_sample synergy_demo
echo "loaded data/load.sql"

sy_banner "Demo: demo/demo.sql"
psql -X -v ON_ERROR_STOP=1 -P pager=off -f demo/demo.sql

sy_banner "Done"
sy_cluster_stop
echo "cluster stopped and removed"
