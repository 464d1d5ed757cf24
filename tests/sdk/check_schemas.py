#!/usr/bin/env python3
"""The JSON Schemas of plugin-api/schemas against the content that ships: every content file of
the built-in tracks, the template and the scoring track validates against the schema of its kind,
and examples of an overlay and a calibration document validate against theirs. Every "$schema"
a content file names resolves to a schema file.

With python3's jsonschema package (Debian: python3-jsonschema) the files are validated for real
(draft 2020-12); without it, this checks with the standard library only that every schema is
valid JSON declaring draft 2020-12, that every "$ref" to another schema file resolves, and that
every "$schema" resolves, and says so. cloudtrack-trackc stays the authority on content; this
keeps the schemas, which editors use, from drifting away from it.

usage: check_schemas.py SOURCE_DIR"""
import json
import pathlib
import re
import sys

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def strip_comments(text):
    """JSON with // and /* */ comments (as content files allow) to plain JSON."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        elif text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def load(path):
    return json.loads(strip_comments(path.read_text(encoding="utf-8")))


def kind_of(path):
    name = path.name
    if path.parent.name == "items" or name == "items.json":
        return "items"
    return {"track.json": "track", "ladder.json": "ladder", "portfolio.json": "portfolio"}[name]


OVERLAY = {
    "drop_items": ["cicd-03"],
    "add_items": "overlays/devops-items.json",
    "add_items_sha256": "3f1c0d6f0e7a9a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899a",
    "levels": {"professional": {"min_theta": 0.6}},
    "targets": {"iac": "professional"},
    "allow_adaptive": False,
}
CALIBRATION = {
    "schema": "cloudtrack.calibration/1",
    "track": {"id": "devops", "version": "1.2.0", "content_sha256": "0" * 64},
    "items": [{"id": "cicd-01", "a": 1.2, "b": -0.4, "se_a": 0.15, "se_b": 0.1, "n": 412}],
}


def main(source):
    source = pathlib.Path(source)
    schema_dir = source / "plugin-api" / "schemas"
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.json"))}
    problems = []
    for name, schema in schemas.items():
        if schema.get("$schema") != DRAFT:
            problems.append(f"{name}: does not declare draft 2020-12")
        for ref in re.findall(r'"\$ref": "([^"#]+)', json.dumps(schema)):
            if ref not in schemas:
                problems.append(f"{name}: $ref {ref} does not resolve in {schema_dir}")

    files = sorted(source.glob("plugins/*/content/**/*.json")) + sorted(
        (source / "plugin-api" / "template" / "content").glob("*.json")) + [
        source / "tests" / "scoring-track" / "content" / "track.json"]
    for path in files:
        named = load(path).get("$schema")
        if named and not (path.parent / named).is_file():
            problems.append(f"{path.relative_to(source)}: $schema {named} does not resolve")

    try:
        import jsonschema
        from referencing import Registry, Resource
    except ImportError:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"jsonschema is not installed: checked {len(schemas)} schemas (JSON, draft, $ref) and the "
              f"$schema of {len(files)} content files with the standard library only")
        return 1 if problems else 0

    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items())

    def validate(document, schema_name, where):
        validator = jsonschema.Draft202012Validator(schemas[schema_name], registry=registry)
        for error in validator.iter_errors(document):
            pointer = "/" + "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{where}: {pointer}: {error.message[:300]} ({schema_name})")

    for name, schema in schemas.items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append(f"{name}: not a valid schema: {e.message}")
    for path in files:
        validate(load(path), kind_of(path) + ".schema.json", str(path.relative_to(source)))
    validate(OVERLAY, "overlay.schema.json", "the overlay example")
    validate(CALIBRATION, "calibration.schema.json", "the calibration example")
    validate(dict(OVERLAY, calibration=CALIBRATION), "overlay.schema.json", "an overlay with a calibration")
    # A document compiled by trackc (abi, probes) is not a content file: the schema refuses them.
    validate({"items": [], "abi": {"major": 1, "minor": 0}}, "content.schema.json", "a content file with abi")
    if problems and problems[-1].startswith("a content file with abi"):
        problems.pop()
    else:
        problems.append("content.schema.json accepts 'abi', which only cloudtrack-trackc writes")

    for line in problems:
        print(line, file=sys.stderr)
    print(f"{len(files)} content files and 3 examples against {len(schemas)} schemas: "
          f"{'ok' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
