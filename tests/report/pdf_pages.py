"""A tiny PDF reader for the printed-pack tests: the pages in order and the page of each named destination.

Enough for the PDFs headless Chromium prints (Skia): objects are written whole,
the page tree and the catalogue's ``/Dests`` dictionary are plain dictionaries
outside any stream. Only the dictionary text of an object is read (up to its
``stream`` or ``endobj``), so compressed content is never parsed.
"""

from __future__ import annotations

import re

_OBJECT = re.compile(rb"(?:^|[\r\n])(\d+) 0 obj\b")
_REF = re.compile(rb"(\d+) 0 R")


def _objects(data: bytes) -> dict[int, bytes]:
    """Object number -> its dictionary text (the first definition of each number)."""
    found: dict[int, bytes] = {}
    for match in _OBJECT.finditer(data):
        number = int(match.group(1))
        if number in found:
            continue
        start = match.end()
        ends = [at for at in (data.find(b"endobj", start), data.find(b"stream", start)) if at != -1]
        found[number] = data[start : min(ends)] if ends else data[start:]
    return found


def _ref(body: bytes, key: bytes) -> int | None:
    match = re.search(re.escape(key) + rb"\s+(\d+) 0 R", body)
    return int(match.group(1)) if match else None


def page_count(data: bytes) -> int:
    """Pages counted as ``/Type /Page`` objects (not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


def pages_and_destinations(data: bytes) -> tuple[list[int], dict[str, int]]:
    """The page objects in reading order, and each named destination's page (0-based)."""
    objects = _objects(data)
    catalog = next(number for number, body in objects.items() if re.search(rb"/Type\s*/Catalog", body))
    root = _ref(objects[catalog], b"/Pages")
    assert root is not None, "no page tree"
    pages: list[int] = []

    def walk(number: int) -> None:
        body = objects[number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        if kids and re.search(rb"/Type\s*/Pages", body):
            for kid in _REF.findall(kids.group(1)):
                walk(int(kid))
        else:
            pages.append(number)

    walk(root)
    index = {number: at for at, number in enumerate(pages)}
    destinations: dict[str, int] = {}
    dests = _ref(objects[catalog], b"/Dests")
    if dests is not None:
        for name, page in re.findall(rb"/([^\s/\[\]<>()]+)\s*\[\s*(\d+) 0 R", objects[dests]):
            destinations[name.decode("latin-1")] = index[int(page)]
    return pages, destinations
