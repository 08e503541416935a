"""The Spanish catalogues are complete and in step with the code.

A string marked for translation and not translated would reach a Spanish reader in English;
a fuzzy entry is a guess nobody checked; a stale .mo shows last release's words. Each check
runs GNU gettext (installed by `make test`) on the committed files or on a copy.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
# Everything makemessages reads; the copy leaves out what it is told to ignore anyway.
SOURCES = ["hubdir", "producers", "orders", "templates", "static/js", "locale"]


def entries(po: Path, *flags: str) -> list[str]:
    """The msgids msgattrib selects with `flags` (the header entry left out)."""
    out = subprocess.run(
        ["msgattrib", *flags, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    ).stdout
    return [m for m in re.findall(r'^msgid "(.*)"$', out, flags=re.M) if m]


def test_there_are_spanish_catalogues_for_python_templates_and_javascript():
    assert {p.relative_to(LOCALE).as_posix() for p in CATALOGUES} == {
        "es/LC_MESSAGES/django.po",
        "es/LC_MESSAGES/djangojs.po",
    }


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.name)
def test_each_committed_catalogue_has_no_empty_or_fuzzy_entry_and_checks_clean(po):
    assert entries(po, "--untranslated") == []
    assert entries(po, "--only-fuzzy") == []
    # Placeholders (%(name)s, {name}) match between English and Spanish, and headers are sane.
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.name)
def test_each_compiled_catalogue_says_what_its_po_says(po, tmp_path):
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
    with fresh.open("rb") as f, po.with_suffix(".mo").open("rb") as committed:
        expected = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        assert gettext.GNUTranslations(committed)._catalog == expected  # type: ignore[attr-defined]


def test_makemessages_would_add_no_string_left_untranslated(tmp_path, settings, monkeypatch):
    for name in SOURCES:
        shutil.copytree(
            Path(settings.BASE_DIR) / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "migrations", "vendor", "*.mo"),
        )
    shutil.copy(Path(settings.BASE_DIR) / "manage.py", tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    for domain in ("django", "djangojs"):
        call_command("makemessages", locale=["es"], domain=domain, no_obsolete=True, verbosity=0)
    extracted = tmp_path / "locale" / "es" / "LC_MESSAGES"
    for po in ("django.po", "djangojs.po"):
        assert entries(extracted / po, "--untranslated") == [], f"untranslated in {po}"
        assert entries(extracted / po, "--only-fuzzy") == [], f"changed English in {po}"
        # And no translated sentence is dropped: one the code still prints but passes to
        # gettext in a way makemessages cannot read (a variable, not a literal) would lose
        # its Spanish at the next `make messages`.
        dropped = set(entries(LOCALE / "es" / "LC_MESSAGES" / po)) - set(entries(extracted / po))
        assert dropped == set(), f"no longer extracted from any source in {po}"
    # Nothing was extracted anywhere else (the copy's locale is the only one written).
    assert sorted(p.name for p in tmp_path.rglob("*.po")) == ["django.po", "djangojs.po"]
