#!/usr/bin/env python3
"""Fill empty expected-output blocks of a Markdown file (test/doctest.pl's
conventions) by running each ```sql block in order with psql.

    python3 tools/fill_doc_outputs.py [--refresh] docs/forecasting.md   (PG* env selects the database)

Only blocks whose following ``` block is empty are filled, or every output
block with --refresh; review the diff."""
import re, subprocess, sys

refresh = sys.argv[1] == "--refresh"
path = sys.argv[-1]
text = open(path).read()
blocks = list(re.finditer(r"```([a-z ]*)\n(.*?)```", text, re.S))
i = 0
result = text
edits = []
while i < len(blocks):
    kind = blocks[i].group(1).strip()
    body = blocks[i].group(2)
    if kind.startswith("sql") and "norun" not in kind:
        run = subprocess.run(["psql", "-X", "-q", "--no-psqlrc", "-P", "pager=off", "-v", "ON_ERROR_STOP=1"],
                             input=body, capture_output=True, text=True)
        output = run.stdout + run.stderr
        if kind == "sql" and i + 1 < len(blocks) and blocks[i + 1].group(1).strip() in ("", "text"):
            between = text[blocks[i].end():blocks[i + 1].start()]
            if between.strip() == "" and (refresh or blocks[i + 1].group(2).strip() == ""):
                edits.append((blocks[i + 1].start(), blocks[i + 1].end(), "```\n" + output.rstrip("\n") + "\n```"))
            i += 1
        elif run.returncode != 0:
            print("block failed:", body, output, file=sys.stderr)
    i += 1
for s, e, rep in reversed(edits):
    result = result[:s] + rep + result[e:]
open(path, "w").write(result)
print(f"filled {len(edits)} blocks")
