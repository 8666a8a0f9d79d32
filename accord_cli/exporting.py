"""The ledger as data for other tools, and accord's JSON export read back in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from accord_cli.dates import parse_date
from accord_cli.document import encode
from accord_cli.model import Ledger
from accord_cli.timeline import memberships, standing

EXPORT_FORMAT = "accord-export"
EXPORT_VERSION = 1
# Derived on export, never stored: dropped again on import.
_DERIVED_KEYS = ("membership",)


def export_document(ledger: Ledger, on: date) -> dict[str, Any]:
    """The whole ledger as the TOML file holds it, each signatory with its membership on `on` worked out."""
    doc = encode(ledger)
    for entry, s in zip(doc.get("signatories", []), ledger.signatories, strict=True):
        st = standing(s, on)
        entry["membership"] = {
            "member": st.is_member,
            "name": st.name,
            "left": st.left,
            "spans": [{"from": start, "to": end, "reason": reason} for start, end, reason in memberships(s)],
        }
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported": on, **doc}


def _as_date(value: Any) -> Any:
    """An ISO date string as a date; anything else as it was, for the decoder to judge."""
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            return value
    return value


def document_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON export turned back into the document the TOML would hold: dates as dates, derived keys gone."""
    doc: dict[str, Any] = {key: value for key, value in data.items()
                           if key not in ("format", "version", "exported")}
    if isinstance(doc.get("accord"), dict):
        doc["accord"] = {**doc["accord"], "launched": _as_date(doc["accord"].get("launched"))}
        if doc["accord"]["launched"] is None:
            del doc["accord"]["launched"]
    signatories = []
    for entry in doc.get("signatories") or []:
        if not isinstance(entry, dict):
            signatories.append(entry)
            continue
        entry = {key: value for key, value in entry.items() if key not in _DERIVED_KEYS}
        if "joined" in entry:
            entry["joined"] = _as_date(entry["joined"])
        if isinstance(entry.get("events"), list):
            entry["events"] = [{**e, "date": _as_date(e.get("date"))} if isinstance(e, dict) else e
                               for e in entry["events"]]
        signatories.append(entry)
    doc["signatories"] = signatories
    return doc
