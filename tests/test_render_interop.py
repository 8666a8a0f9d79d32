"""What import, export and report hand to a renderer."""

from accord_cli.core import importing, queries, timeline
from accord_cli.core.dates import Granularity, When
from accord_cli.core.model import Ledger
from accord_cli.render import interop as shown
from accord_cli.render.members import SIGNATORY_FIELDS
from accord_cli.render.report import report as report_sections
from accord_cli.render.report import report_page
from accord_cli.storage.input_files import InputFormat, read_rows
from tests.conftest import TODAY, day


def test_an_import_preview_lists_what_changes_and_what_needs_a_look(founders: Ledger) -> None:
    found = read_rows("Apple\nMicrosoft\nCisco Systems\n", InputFormat.text, "in", When.day(TODAY))
    plan = importing.plan_import(founders, found, When.day(TODAY))
    preview = shown.import_preview(plan, When.day(TODAY))
    assert [(r["action"], r["name"]) for r in preview.records] == [
        ("add", "Apple"),
        ("possible match", "Cisco Systems"),
    ]
    assert preview.sentence == "1 new, 1 already present, 1 possible match (not imported)"
    outcome = shown.import_outcome(plan, "Imported.", written=True).json_document()
    assert outcome["written"] is True and outcome["new"] == ["Apple"]
    assert outcome["possible_matches"] == [
        {"name": "Cisco Systems", "looks_like": "Cisco", "id": "cisco", "reason": "leading words"}
    ]


def test_the_export_is_every_field_plus_status_and_history(founders: Ledger) -> None:
    result = shown.export_result(founders, TODAY)
    assert result.fields == (*SIGNATORY_FIELDS[:2], "status", *SIGNATORY_FIELDS[2:], "history")
    assert {r["status"] for r in result.records} == {"member"}
    document = result.json_document()
    assert (document["format"], document["version"], document["exported"]) == ("accord-export", 2, TODAY)
    assert document["ledger"]["accord"]["name"] == "Cybersecurity Tech Accord"
    assert document["memberships"][0] == {
        "id": "abb",
        "member": True,
        "certain": True,
        "name": "ABB",
        "left": None,
        "spans": [{"from": day(2018, 4, 17), "to": None, "reason": None}],
    }


def test_the_report_has_a_section_for_each_part(founders: Ledger) -> None:
    page = report_page(
        founders,
        TODAY,
        timeline.growth(founders, Granularity.year, TODAY),
        "year",
        {"bigtech": []},
        queries.pledge_support(founders, list(founders.signatories)),
        [],
    )
    report = report_sections(founders, page)
    assert report.title == "Cybersecurity Tech Accord: membership report"
    assert report.facts[0] == "34 current members, 0 former members, 4 pledges; as of 2026-11-28."
    assert [heading for heading, _ in report.sections] == ["Growth by year", "Newest members", "Pledges", "Watchlists"]
    newest = dict(report.sections)["Newest members"]
    assert newest.title is None and newest.sentence == "The 10 newest of 34 members"
    assert [c.key for c in newest.columns][-1] == "source"
