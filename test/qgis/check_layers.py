#!/usr/bin/python3
"""test/qgis/check_layers.py: load the documented QGIS layers in QGIS itself (PyQGIS, headless).

    python3 test/qgis/check_layers.py DBNAME LAYERS.tsv

Connection from the environment (PGHOST: a socket directory or a host name, PGPORT, PGUSER).
LAYERS.tsv, one layer a line, tab-separated (test/stages/88_qgis.sh writes it from docs/bi.md's
layer table and the catalog): schema, view, key column, geometry column, QGIS geometry type
(e.g. LineStringZ), EPSG code, feature count, and the view's other columns (comma-separated, in
order).

Each layer is loaded twice:
  detected  the URI names the key and the geometry column only, so QGIS reads the geometry type
            and the SRID from the view's column (geometry_columns, i.e. the geometry(Type, SRID)
            typmod the view casts to);
  given     the URI a user writes from the docs, with key=, srid= and type= too;
and each load must be valid, with the documented CRS, geometry type and feature count (QGIS's
count and the features iterated, each with a geometry and a distinct feature id), and a field for
every column of the view but the geometry, same names, same order (QGIS drops columns of types it
does not support, composites for one, with only a log message). QGIS's message log is printed for
a failing layer; a message about an ignored field or a libpq notice ("out of range") fails too.
TAP on stdout; exit status 1 when a check fails.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer, QgsWkbTypes  # noqa: E402

n = 0
failed = 0


def check(ok, what, diag=()):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok") + " %d - %s" % (n, what))
    for d in (diag if not ok else ()):
        print("#   " + d)
    sys.stdout.flush()
    return ok


def load(db, schema, view, key, geom, wkb=None, srid=None):
    uri = QgsDataSourceUri()
    uri.setConnection(os.environ.get("PGHOST", ""), os.environ.get("PGPORT", "5432"), db,
                      os.environ.get("PGUSER", ""), "")
    uri.setDataSource(schema, view, geom, "", key)
    if srid is not None:
        uri.setSrid(str(srid))
    if wkb is not None:
        uri.setWkbType(wkb)
    return uri.uri(False), QgsVectorLayer(uri.uri(False), view, "postgres")


def main():
    if len(sys.argv) != 3:
        print("usage: check_layers.py DBNAME LAYERS.tsv", file=sys.stderr)
        return 2
    db, spec = sys.argv[1], sys.argv[2]
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    log = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda msg, tag, level: log.append("[%s] %s" % (tag, msg)))
    print("# QGIS %s" % __import__("qgis.core", fromlist=["Qgis"]).Qgis.QGIS_VERSION)
    layers = [line.rstrip("\n").split("\t") for line in open(spec, encoding="utf-8") if line.strip()]
    check(len(layers) > 0, "%d layers to load" % len(layers))
    for schema, view, key, geom, gtype, epsg, count, columns in layers:
        wkb = QgsWkbTypes.parseType(gtype)
        check(wkb != QgsWkbTypes.Unknown, "%s.%s: documented type %s is a QGIS type" % (schema, view, gtype))
        for how in ("detected", "given"):
            del log[:]
            if how == "detected":
                uri, layer = load(db, schema, view, key, geom)
            else:
                uri, layer = load(db, schema, view, key, geom, wkb, epsg)
            name = "%s.%s (%s)" % (schema, view, how)
            diag = ["uri: " + uri]
            if not check(layer.isValid(), name + ": valid", diag + log):
                continue
            crs = layer.crs().authid()
            check(crs == "EPSG:" + epsg, "%s: CRS %s" % (name, crs), ["expected EPSG:" + epsg] + log)
            got = QgsWkbTypes.displayString(layer.wkbType())
            check(layer.wkbType() == wkb, "%s: geometry type %s" % (name, got), ["expected " + gtype] + log)
            fc = layer.featureCount()
            ids, nogeom = set(), 0
            for f in layer.getFeatures():
                ids.add(f.id())
                if not f.hasGeometry() or f.geometry().isEmpty():
                    nogeom += 1
            check(fc == int(count) and len(ids) == int(count) and nogeom == 0,
                  "%s: %s features, distinct ids, each with a geometry" % (name, count),
                  ["featureCount %d, distinct feature ids %d, without geometry %d" % (fc, len(ids), nogeom)] + log)
            want = columns.split(",") if columns else []
            have = [f.name() for f in layer.fields()]
            check(have == want, "%s: fields %s" % (name, ",".join(have)),
                  ["the view's columns: " + ",".join(want)] + log)
            bad = [m for m in log if "ignored" in m or "out of range" in m or "unsupported type" in m]
            check(not bad, "%s: no ignored field, no libpq notice in QGIS's log" % name, bad)
    print("1..%d" % n)
    app.exitQgis()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
