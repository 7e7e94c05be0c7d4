#!/usr/bin/env python3
"""Regenerate expected.tsv: what python icalendar 7.3.0 makes of each corpus file.

Usage (from any directory, with a python that has icalendar==7.3.0 installed):
    python expected.py            # rewrites expected.tsv next to this script
"""
import re
import sys
import warnings
from pathlib import Path

import icalendar
from icalendar import Calendar
from icalendar.cal import Component

HERE = Path(__file__).resolve().parent
COLUMNS = ["path", "accepted", "vevent_count", "vtodo_count", "top_level",
           "error", "starts_with", "vcalendar_count", "utf8", "tolerated_errors"]


def one_line(text, limit=120):
    """Collapse whitespace (incl. tabs/newlines) and truncate."""
    return re.sub(r"\s+", " ", text).strip()[:limit]


def parse(data):
    """Return (components, error); components is None if refused. Calendar.from_ical first, Component.from_ical as fallback."""
    try:
        return Calendar.from_ical(data, multiple=True), ""
    except Exception as e:  # noqa: BLE001 - we record any refusal
        first = f"{type(e).__name__}: {e}"
    try:
        comp = Component.from_ical(data)
        # accepted only by the fallback: keep the first error for reference
        return [comp], "via Component.from_ical; Calendar.from_ical said " + first
    except Exception as e:  # noqa: BLE001
        return None, f"{type(e).__name__}: {e}"


def raw_facts(data):
    """Facts about the raw bytes, independent of the parser."""
    try:
        text = data.decode("utf-8")
        utf8 = "yes"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        utf8 = "no"
    # name after each "BEGIN:" at a line start; odd bytes (e.g. NUL) shown escaped
    begins = re.findall(r"^BEGIN:([^\r\n]*)", text.lstrip("\ufeff"), re.M | re.I)
    starts_with = begins[0].upper().encode("unicode_escape").decode() if begins else "-"
    return starts_with, sum(1 for b in begins if b.upper() == "VCALENDAR"), utf8


def row(path):
    data = path.read_bytes()
    comps, error = parse(data)
    tolerated = []
    if comps is None:
        accepted, vevents, vtodos, top = "no", "0", "0", ""
    else:
        accepted = "yes"
        # walk() visits the component itself and every nested subcomponent
        vevents = str(sum(len(c.walk("VEVENT")) for c in comps))
        vtodos = str(sum(len(c.walk("VTODO")) for c in comps))
        top = ",".join(c.name or "?" for c in comps)
        # icalendar keeps going past bad lines/values and records them in .errors
        tolerated = [(sub.name, prop, msg) for c in comps for sub in c.walk()
                     for prop, msg in sub.errors]
        if tolerated and not error:
            error = "tolerated: " + "; ".join(f"{n} {p or 'line'}: {m}" for n, p, m in tolerated)
    return [path.relative_to(HERE).as_posix(), accepted, vevents, vtodos, top,
            one_line(error), *map(str, raw_facts(data)), str(len(tolerated))]


def main():
    warnings.simplefilter("ignore")
    assert icalendar.__version__ == "7.3.0", icalendar.__version__
    rows = sorted(row(p) for p in HERE.glob("*/*.ics"))
    with open(HERE / "expected.tsv", "w", encoding="utf-8", newline="\n") as out:
        out.write("#" + "\t".join(COLUMNS) + "\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    print(f"{len(rows)} files written to expected.tsv", file=sys.stderr)


if __name__ == "__main__":
    main()
