"""Reads an .ics file with python `icalendar` and prints what it understood, as JSON, for
interop.spec.mjs to compare: every item's kind, UID and summary, its start in UTC and as local
wall time, and the TZIDs the file defines."""

import json
import sys
from datetime import datetime, timezone

from icalendar import Calendar


def moment(value):
    if isinstance(value, datetime):
        return {"utc": value.astimezone(timezone.utc).isoformat(), "local": value.strftime("%H:%M")}
    return {"date": value.isoformat()}


def main(path):
    with open(path, "rb") as f:
        cal = Calendar.from_ical(f.read())
    items = []
    for c in cal.walk():
        if c.name not in ("VEVENT", "VTODO"):
            continue
        start = c.get("DTSTART") or c.get("DUE")
        items.append({
            "kind": c.name,
            "uid": str(c.get("UID")),
            "summary": str(c.get("SUMMARY", "")),
            "override": c.get("RECURRENCE-ID") is not None,
            "start": moment(start.dt) if start is not None else None,
            "rrule": c.get("RRULE").to_ical().decode() if c.get("RRULE") else None,
        })
    zones = sorted(str(z.get("TZID")) for z in cal.walk("VTIMEZONE"))
    print(json.dumps({"items": items, "zones": zones}))


main(sys.argv[1])
