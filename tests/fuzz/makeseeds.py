#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from what the project ships, so the seeds follow the
examples and packs as they change: tests/fuzz/corpus/<harness>/ (small hand-written seeds),
resources/examples (designs and DOT), resources/packs (one seed per rule, the DOT of every
rule example, every template text). Usage: makeseeds.py <source root> <output dir>."""
import hashlib
import json
import pathlib
import shutil
import sys

root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
shutil.rmtree(out, ignore_errors=True)
harnesses = ["designfile", "dot", "rulepack", "template"]
for h in harnesses:
    (out / h).mkdir(parents=True)


def put(harness, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = hashlib.sha1(data).hexdigest()[:16]
    (out / harness / name).write_bytes(data)


for h in harnesses:
    for f in sorted((root / "tests/fuzz/corpus" / h).glob("*")):
        put(h, f.read_bytes())
examples = root / "resources/examples"
if examples.is_dir():
    for f in sorted(examples.rglob("*")):
        if f.suffix == ".probeboard" and f.stat().st_size <= 16384:
            put("designfile", f.read_bytes())
        elif f.suffix in (".dot", ".gv") and f.stat().st_size <= 16384:
            put("dot", f.read_bytes())


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


packs = sorted((root / "resources/packs").glob("*.json"))
packs += sorted((root / "resources/packs-examples").rglob("*.json"))
for f in packs:
    try:
        pack = json.loads(f.read_text(encoding="utf-8"))
    except ValueError:
        continue
    if not isinstance(pack, dict):
        continue
    header = {k: v for k, v in pack.items() if k != "rules"}
    for rule in pack.get("rules", []):
        put("rulepack", json.dumps(dict(header, rules=[rule]), ensure_ascii=False, indent=1))
        for ex in rule.get("examples", []):
            if isinstance(ex, dict) and isinstance(ex.get("dot"), str):
                put("dot", ex["dot"])
        for s in strings(rule):
            if "{{" in s:
                put("template", s)
