#!/usr/bin/env bash
# Every server encoding (docs/operations.md, "Server encodings"): in a database of each
# server encoding PostgreSQL offers (template0, locale C),
#   - CREATE EXTENSION synergy installs, and a sample of functions gives the output of a UTF8
#     database (test/encoding/functions.sql, read back with client_encoding UTF8);
#   - the Chinese labels (test/encoding/labels.sql) come out whole where PostgreSQL's own
#     conversion can represent them, else fail with 22P05 and the hint, never mojibake: whole
#     in UTF8, EUC_CN, SQL_ASCII and MULE_INTERNAL, 22P05 in LATIN1 (asserted by name too);
#   - synergy_postgis installs wherever PostGIS does (PostGIS must in EUC_CN, LATIN1, SQL_ASCII);
#   - the demo (demo/demo.sql, its labels and the sample's Chinese names) prints the same text
#     in EUC_CN and SQL_ASCII as in UTF8, and to GBK and GB18030 clients (client_encoding GBK or
#     GB18030 in the UTF8 database, EUC_CN in the EUC_CN one; converted back with iconv);
#   - the frozen 0.1.0 script installs in EUC_CN and updates to the current version, and in
#     LATIN1 fails with 22P05 (its comments are Chinese), leaving nothing behind.
# Run by scripts/test.sh on its cluster.
set -euo pipefail
. "$SY_REPO/scripts/lib.sh"
cd "$SY_REPO"

work=$(mktemp -d /tmp/synergy-encoding.XXXXXX)
dbs=()
cleanup() {
	local d
	for d in "${dbs[@]}"; do "$SY_PG_BINDIR/dropdb" --if-exists "$d" >/dev/null 2>&1 || true; done
	rm -rf "$work"
}
trap cleanup EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
# client-only encodings (PostgreSQL refuses them as database encodings)
client_only=" SJIS BIG5 GBK UHC GB18030 JOHAB SHIFT_JIS_2004 "

mkdb() {   # mkdb NAME ENCODING
	"$SY_PG_BINDIR/createdb" -T template0 -E "$2" --locale=C "$1" && dbs+=("$1")
}

# the reference: a UTF8 database
ref=synergy_enc_ref
mkdb "$ref" UTF8
q -d "$ref" -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION synergy" -c "CREATE EXTENSION synergy_postgis"
PGCLIENTENCODING=UTF8 q -d "$ref" -f test/encoding/functions.sql >"$work/functions.ref" 2>&1
sy_load_sample "$ref"
# demo DB CLIENT_ENCODING OUT [READ_AS]: run demo/demo.sql in a fresh copy of DB (it creates
# objects), its output read as READ_AS (default: the client encoding) and converted to UTF-8
demo() {
	local copy=${1}_demo$((${#dbs[@]} + 1))
	"$SY_PG_BINDIR/createdb" -T "$1" "$copy" && dbs+=("$copy")
	PGCLIENTENCODING=$2 q -d "$copy" -P pager=off -f demo/demo.sql 2>&1 | iconv -f "${4:-$2}" -t UTF-8 >"$3" || true
}
demo "$ref" UTF8 "$work/demo.ref"
grep -q '协调' "$work/demo.ref" || bad "the reference demo output has no Chinese grade"

mapfile -t encodings < <(q -d "$ref" -At -c \
	"SELECT pg_encoding_to_char(i) FROM generate_series(0, 63) i WHERE pg_encoding_to_char(i) <> '' ORDER BY i")
n=0
printf '%-14s %-9s %-10s %-16s %s\n' encoding synergy functions synergy_postgis 'zh labels'
for enc in "${encodings[@]}"; do
	case "$client_only" in *" $enc "*) continue ;; esac
	n=$((n + 1))
	db=synergy_enc_$(echo "$enc" | tr 'A-Z' 'a-z')
	if ! mkdb "$db" "$enc" >"$work/$enc.log" 2>&1; then
		bad "createdb -E $enc: $(tail -n 1 "$work/$enc.log")"; continue
	fi
	if ! q -d "$db" -c "CREATE EXTENSION synergy" >>"$work/$enc.log" 2>&1; then
		printf '%-14s %-9s\n' "$enc" FAIL
		bad "CREATE EXTENSION synergy in $enc: $(tail -n 2 "$work/$enc.log" | tr '\n' ' ')"; continue
	fi
	# PostgreSQL converts nothing between UTF8 and MULE_INTERNAL: read that one through EUC_CN
	cenc=UTF8 back=cat
	[ "$enc" = MULE_INTERNAL ] && cenc=EUC_CN back="iconv -f EUC-CN -t UTF-8"
	fres=same
	# (a psql error is output too: the comparisons below report it)
	PGCLIENTENCODING=$cenc q -d "$db" -f test/encoding/functions.sql 2>&1 | $back >"$work/functions.$enc" || true
	if ! diff -u "$work/functions.ref" "$work/functions.$enc" >"$work/functions.$enc.diff"; then
		fres=DIFFERENT; bad "functions.sql in $enc differs from UTF8:"; head -20 "$work/functions.$enc.diff"
	fi
	PGCLIENTENCODING=$cenc q -d "$db" -At -f test/encoding/labels.sql 2>&1 | $back >"$work/labels.$enc" || true
	PGCLIENTENCODING=UTF8 q -d "$ref" -At -v enc="$enc" -f test/encoding/expected_labels.sql >"$work/labels.$enc.expected"
	if ! diff -u "$work/labels.$enc.expected" "$work/labels.$enc" >"$work/labels.$enc.diff"; then
		bad "labels in $enc:"; cat "$work/labels.$enc.diff"
	fi
	whole=$(grep -vc 'ERROR 22P05' "$work/labels.$enc" || true)
	total=$(wc -l <"$work/labels.$enc")
	# synergy_postgis wherever PostGIS itself installs (it must in the encodings the issue names)
	if ! q -d "$db" -c "CREATE EXTENSION postgis" >>"$work/$enc.log" 2>&1; then
		gis="no PostGIS"
		case $enc in EUC_CN | LATIN1 | SQL_ASCII) bad "PostGIS does not install in $enc" ;; esac
	elif q -d "$db" -c "CREATE EXTENSION synergy_postgis" -c "SELECT synergy_postgis_version()" >>"$work/$enc.log" 2>&1; then
		gis=ok
	else
		gis=FAIL; bad "CREATE EXTENSION synergy_postgis in $enc: $(tail -n 2 "$work/$enc.log" | tr '\n' ' ')"
	fi
	printf '%-14s %-9s %-10s %-16s %s\n' "$enc" ok "$fres" "$gis" "$whole of $total whole, the others 22P05"
	case $enc in
		UTF8 | EUC_CN | SQL_ASCII | MULE_INTERNAL)
			[ "$whole" -eq "$total" ] || bad "$enc must give every Chinese label whole" ;;
		LATIN1)
			[ "$whole" -eq 0 ] || bad "LATIN1 cannot hold Chinese: every label must be 22P05" ;;
	esac
done
[ "$n" -ge 30 ] || bad "only $n server encodings tried"
echo "$n server encodings tried"

# the demo in the encodings the issue names
for enc in EUC_CN SQL_ASCII; do
	db=synergy_enc_$(echo "$enc" | tr 'A-Z' 'a-z')
	PGCLIENTENCODING=UTF8 sy_load_sample "$db" || { bad "sample data in $enc"; continue; }
	demo "$db" UTF8 "$work/demo.$enc"
	if diff -u "$work/demo.ref" "$work/demo.$enc" >"$work/demo.$enc.diff"; then
		echo "demo in $enc (client UTF8): the same $(wc -l <"$work/demo.ref") lines as in UTF8"
	else
		bad "demo in $enc differs from UTF8:"; head -30 "$work/demo.$enc.diff"
	fi
done
# LATIN1 cannot store the sample (Chinese city names): the demo's grades there are 'en' or 22P05,
# which labels.sql checked above.
# GBK and GB18030 clients: a UTF8 database converts to them; PostgreSQL has no conversion
# between EUC_CN and GBK or GB18030, so there they set client_encoding EUC_CN, whose bytes are
# GB 2312, a subset of both (the output is decoded as GBK and as GB18030 here).
for cenc in GBK GB18030; do
	for run in "$ref $cenc $cenc" "synergy_enc_euc_cn EUC_CN $cenc"; do
		set -- $run
		demo "$1" "$2" "$work/demo.$1.$3" "$3"
		if diff -u "$work/demo.ref" "$work/demo.$1.$3" >"$work/demo.$1.$3.diff"; then
			echo "demo in $1 with client_encoding $2, read as $3: the same text as in UTF8"
		else
			bad "demo in $1 with client_encoding $2, read as $3:"; head -30 "$work/demo.$1.$3.diff"
		fi
	done
done

# the frozen 0.1.0 script (Chinese comments): EUC_CN converts it, LATIN1 cannot
mkdb synergy_enc_old_euc_cn EUC_CN
if q -d synergy_enc_old_euc_cn -c "CREATE EXTENSION synergy VERSION '0.1.0'" -c "ALTER EXTENSION synergy UPDATE" >/dev/null 2>&1 \
	&& [ "$(PGCLIENTENCODING=UTF8 q -d synergy_enc_old_euc_cn -At -c "SELECT extversion || ' ' || ccd_grade(0.95) FROM pg_extension WHERE extname = 'synergy'")" \
		= "$(sed -n "s/^default_version = '\(.*\)'/\1/p" synergy.control) 优质协调" ]; then
	echo "0.1.0 in EUC_CN: installs, updates, labels right"
else
	bad "0.1.0 in EUC_CN did not install and update"
fi
mkdb synergy_enc_old_latin1 LATIN1
state=$(q -d synergy_enc_old_latin1 -At -c "DO \$\$ BEGIN CREATE EXTENSION synergy VERSION '0.1.0'; EXCEPTION WHEN untranslatable_character THEN RAISE NOTICE '22P05'; END \$\$" 2>&1 || true)
left=$(q -d synergy_enc_old_latin1 -At -c "SELECT count(*) FROM pg_extension WHERE extname = 'synergy'")
if [[ "$state" == *22P05* ]] && [ "$left" = 0 ]; then
	echo "0.1.0 in LATIN1: 22P05 as documented, nothing installed"
else
	bad "0.1.0 in LATIN1: expected 22P05 and nothing installed, got '$state' and $left extension(s)"
fi

[ $fail -eq 0 ] && echo "encodings: all checks passed"
exit $fail
