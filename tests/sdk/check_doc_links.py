#!/usr/bin/env python3
"""Every relative link of the Markdown pages in DIR resolves in DIR: the file exists and, for
'page.md#anchor', the page has a heading with that GitHub-style anchor. Run on the installed
share/doc/cloudtrack by consumer_test.sh. Standard library only."""
import pathlib
import re
import sys


def anchors(text):
    found = set()
    for line in text.splitlines():
        match = re.match(r"^#{1,6}\s+(.*)$", line)
        if match:
            slug = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower()).replace(" ", "-")
            found.add(slug)
    return found


def main(folder):
    root = pathlib.Path(folder)
    pages = sorted(root.glob("*.md"))
    if not pages:
        print(f"no pages in {root}", file=sys.stderr)
        return 1
    broken = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # Links outside code: drop fenced blocks and inline code first.
        prose = re.sub(r"```.*?```", "", text, flags=re.S)
        prose = re.sub(r"`[^`\n]*`", "", prose)
        for target in re.findall(r"\]\(([^)\s]+)\)", prose):
            if re.match(r"^[a-z]+:", target):
                continue  # https:, mailto:
            path, _, anchor = target.partition("#")
            resolved = (page.parent / path) if path else page
            if not resolved.is_file():
                broken.append(f"{page.name}: {target}: no such file in {root}")
            elif anchor and anchor not in anchors(resolved.read_text(encoding="utf-8")):
                broken.append(f"{page.name}: {target}: no heading '#{anchor}' in {resolved.name}")
    for line in broken:
        print(line, file=sys.stderr)
    print(f"{len(pages)} pages, {'no' if not broken else len(broken)} broken links")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
