"""Reads a vCard file with python vobject and prints, as JSON, what each card holds."""
import json
import sys

import vobject


def card(c):
    return {
        "version": c.version.value,
        "uid": c.uid.value,
        "fn": c.fn.value,
        "n": [c.n.value.family, c.n.value.given],
        "emails": sorted(e.value for e in c.contents.get("email", [])),
        "tels": sorted(t.value for t in c.contents.get("tel", [])),
        "bday": c.bday.value if "bday" in c.contents else None,
        "categories": c.categories.value if "categories" in c.contents else [],
        "photo": c.photo.value if "photo" in c.contents else None,
        "x": {k: v[0].value for k, v in c.contents.items() if k.startswith("x-")},
    }


with open(sys.argv[1], encoding="utf-8") as f:
    print(json.dumps([card(c) for c in vobject.readComponents(f.read())]))
