"""Detection that generalises: e-mail at any domain, phones by format, names by context, NER when a
spaCy pipeline is installed, and the uncertain spans the policy knob acts on."""

from __future__ import annotations

import pytest

from whittle.privacy import scan, uncertain
from whittle.privacy.detect import _candidates, _scan, _uncertain


def kinds_in(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in scan(text)]


@pytest.mark.parametrize(
    "address",
    ["jane@acme.internal", "ops@corp.local", "it-desk@intranet.lan", "x.y+z@mail.test", "root@localhost",
     "svc@api.svc.cluster.local", "josé.garcía@correo.es", "admin@[10.0.0.7]", "JANE.DOE@EXAMPLE.ORG"],
)  # fmt: skip
def test_any_syntactically_valid_address_is_an_email(address):
    assert kinds_in(f"Please write to {address}, thanks.") == [("EMAIL", address)]


def test_obfuscated_addresses_count_too():
    assert kinds_in("mail jane [at] acme [dot] com") == [("EMAIL", "jane [at] acme [dot] com")]


@pytest.mark.parametrize(
    "text",
    ["npm install lodash@4.17.21 and @types/node@20", "@app.get('/items') and @pytest.fixture", "y = W@x.T + b"],
)
def test_package_versions_decorators_and_matrix_products_are_not_emails(text):
    assert kinds_in(text) == []


@pytest.mark.parametrize(
    "phone",
    [
        "(593) 345-5388",  # NANP shape, area code not in service
        "1-800-555-0199",
        "+90 563 353 86 14",
        "0049 151 23456789",
        "+234 803 123 4567",
        "8 (912) 345-67-89",
        "090-1234-5678",
        "06-12345678",
        "(11) 98765-4321",
        "(602) 258-7492 ext. 268",
    ],
)
def test_phones_are_read_by_format(phone):
    assert kinds_in(f"Reach the owner at {phone} today.") == [("PHONE", phone)]


def test_bare_digit_groups_need_a_phone_word():
    assert kinds_in("WhatsApp 563 322 522") == [("PHONE", "563 322 522")]
    assert kinds_in("Batch 563 322 522 shipped") == []
    assert [f.value for f in uncertain("Batch 563 322 522 shipped")] == ["563 322 522"]


@pytest.mark.parametrize(
    "text",
    [
        "Invoice 206548 dated 16.8.2009, build 2.14.3, at 10:30",
        "ISBN 978-0-306-40615-7, 2025-11-04T10:22:33Z",
        "Coordinates -33.8688, 151.2093; p99 1234 ms; 1 299 000 €",
    ],
)
def test_dates_versions_and_amounts_are_not_phones(text):
    assert [f for f in scan(text) if f.kind == "PHONE"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Got a complaint from Tariq Haddad about the invoice.", "Tariq Haddad"),  # known first name, weak cue
        ("cc Wanjiru Kamau", "Wanjiru Kamau"),
        ("Please loop in Olumide Balogun on this thread.", "Olumide Balogun"),
        ("On Tue, Babak Karimi wrote:", "Babak Karimi"),
        ("Siavash Moradi (Head of Sales) approved it.", "Siavash Moradi"),
        ("Is Raghunathan spelled right?", "Raghunathan"),
        ("Hablé con Ximena Quispe ayer.", "Ximena Quispe"),
        ("Saya bertemu Putri Santoso kemarin.", "Putri Santoso"),
    ],
)
def test_names_no_list_knows_are_found_by_where_they_stand(text, name):
    assert ("PERSON", name) in kinds_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Paste the export from Screaming Frog into the sheet.",
        "La reunión con Recursos Humanos es el lunes.",
        "Ask Customer Success about the Service Level Agreement.",
        "Die Besprechung mit dem Vertrieb findet im Großen Konferenzraum statt.",
        "We moved from Google Cloud Platform to Amazon Web Services.",
    ],
)
def test_organisations_after_the_same_words_are_not_names(text):
    assert [f for f in scan(text) if f.kind == "PERSON"] == []


def test_a_capitalised_sequence_with_no_cue_is_uncertain_not_found():
    text = "Wahkan Ngata will join the call."
    assert scan(text) == []
    assert [(f.kind, f.value) for f in uncertain(text)] == [("PERSON", "Wahkan Ngata")]
    assert uncertain("The Board meets on Monday.") == []


def test_a_spacy_pipeline_adds_presidios_ner(tmp_path, monkeypatch):
    # No pipeline ships with whittle; a user's installed one is picked up. Here: a blank English
    # pipeline whose entity ruler knows one name, saved to a folder and named by WHITTLE_SPACY_MODEL.
    import spacy

    from whittle.privacy import ner

    pipeline = spacy.blank("en")
    pipeline.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Wahkan"}])
    pipeline.to_disk(tmp_path / "pipeline")
    text = "Wahkan will join."
    assert scan(text) == []
    monkeypatch.setenv(ner.MODEL_VARIABLE, str(tmp_path / "pipeline"))
    for cache in (_candidates, _scan, _uncertain):
        cache.cache_clear()
    try:
        assert kinds_in(text) == [("PERSON", "Wahkan")]
    finally:
        monkeypatch.delenv(ner.MODEL_VARIABLE)
        for cache in (_candidates, _scan, _uncertain):
            cache.cache_clear()


def test_a_missing_pipeline_names_the_fix(monkeypatch, tmp_path):
    from whittle.privacy import ner

    monkeypatch.setenv(ner.MODEL_VARIABLE, str(tmp_path / "no-such-pipeline"))
    _scan.cache_clear()
    _candidates.cache_clear()
    with pytest.raises(RuntimeError, match="WHITTLE_SPACY_MODEL"):
        scan("Wahkan will join, said nobody.")
    _scan.cache_clear()
    _candidates.cache_clear()
