#!/usr/bin/env python3
"""Checks that FootprintKit's folders are pipeline stages whose dependencies go one way.

Each top-level folder of Sources/FootprintKit is a stage with a rank; a file may name the types of its own stage
and of stages ranked lower, never of a stage ranked higher. Reference and Diagnostics are leaves: they name no
pipeline stage's types (Diagnostics may name Reference's). `Unsafe` may appear only in Input/. Exits 1 and lists each violation.
"""
import os
import re
import sys

STAGES = ["Reference", "Diagnostics", "Input", "Clock", "Telemetry", "Formats", "Accounting", "Emissions",
          "Report", "Render", "Audit", "Commands"]
LEAVES = {"Diagnostics", "Reference"}
UNSAFE_ALLOWED = {"Input"}

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "FootprintKit")
declaration = re.compile(r"^(?:public |internal |fileprivate |private |package )?(?:final )?"
                         r"(?:struct|enum|class|protocol|actor|typealias)\s+([A-Za-z_]\w*)", re.M)


def code_only(text):
    """The text without comments and string literals."""
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r"/\*[\s\S]*?\*/", "", text)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


files = {}
owner = {}
for folder, _, names in os.walk(root):
    for name in names:
        if not name.endswith(".swift"):
            continue
        path = os.path.join(folder, name)
        stage = os.path.relpath(path, root).split(os.sep)[0]
        if stage not in STAGES:
            print(f"{os.path.relpath(path, root)}: folder '{stage}' is not a stage of {STAGES}")
            sys.exit(1)
        text = code_only(open(path, encoding="utf-8").read())
        files[path] = (stage, text)
        for match in declaration.finditer(text):
            owner.setdefault(match.group(1), stage)

problems = []
for path, (stage, text) in sorted(files.items()):
    rank = STAGES.index(stage)
    used = set(re.findall(r"\b[A-Z]\w*\b", text))
    for name in sorted(used):
        other = owner.get(name)
        if other is None or other == stage:
            continue
        if STAGES.index(other) > rank or (stage in LEAVES and other not in LEAVES):
            problems.append(f"{os.path.relpath(path, root)}: {stage} names {name} of {other}")
    if stage not in UNSAFE_ALLOWED and re.search(r"Unsafe|\bunsafe", text):
        problems.append(f"{os.path.relpath(path, root)}: pointer code (Unsafe*) outside {sorted(UNSAFE_ALLOWED)}")

for problem in problems:
    print(problem)
print(f"{len(files)} files in {len(STAGES)} stages: {len(problems)} problems")
sys.exit(1 if problems else 0)
