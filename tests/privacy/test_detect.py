"""scan(): each kind on realistic text, checksums that reject look-alikes, no network."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from whittle.privacy import KINDS, scan


def kinds_in(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in scan(text)]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("write to jane.doe+tax@example.co.uk today", "EMAIL", "jane.doe+tax@example.co.uk"),
        ("call me on 06 12 34 56 78 after six", "PHONE", "06 12 34 56 78"),
        ("my cell is (415) 555-0132", "PHONE", "(415) 555-0132"),
        ("card 4111 1111 1111 1111 exp 09/28", "CARD", "4111 1111 1111 1111"),
        ("amex 3782 822463 10005", "CARD", "3782 822463 10005"),
        ("mastercard 2223 0031 2200 3222", "CARD", "2223 0031 2200 3222"),
        ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN", "DE89 3704 0044 0532 0130 00"),
        ("RIB FR7630006000011234567890189", "IBAN", "FR7630006000011234567890189"),
        ("blocked 203.0.113.42 twice", "IP", "203.0.113.42"),
        ("from 2001:db8::8a2e:370:7334", "IP", "2001:db8::8a2e:370:7334"),
        ("my SSN is 536-22-1234", "US_SSN", "536-22-1234"),
        ("social security number 536221234", "US_SSN", "536221234"),
        ("NI number AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C"),
        ("NHS number 943 476 5919", "UK_NHS", "943 476 5919"),
        ("Steuer-ID 86 095 742 719", "DE_TAX_ID", "86 095 742 719"),
        ("DNI 12345678Z", "ES_NIF", "12345678Z"),
        ("NIR 1 84 12 76 451 089 46", "FR_NIR", "1 84 12 76 451 089 46"),
        ("n° sécu 2 91 02 2A 004 123 52", "FR_NIR", "2 91 02 2A 004 123 52"),
        ("key sk-proj-Ab3dEfGh1JkLmN0pQrStUvWxYz12345", "API_KEY", "sk-proj-Ab3dEfGh1JkLmN0pQrStUvWxYz12345"),
        ("ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef1234 leaked", "API_KEY", "ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef1234"),
        ("aws AKIAIOSFODNN7EXAMPLE", "API_KEY", "AKIAIOSFODNN7EXAMPLE"),
        ("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "API_KEY",
         "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
        ("Authorization: Bearer abcDEF123456ghiJKL789", "TOKEN", "abcDEF123456ghiJKL789"),
        ("the API secret is 9fceb02d0ae598e95dc970b74767f19372d61af8", "TOKEN", "9fceb02d0ae598e95dc970b74767f19372d61af8"),
        ("DB_PASSWORD=s3cr3t-Value", "PASSWORD", "s3cr3t-Value"),
        ("my password is correct-horse-battery-staple", "PASSWORD", "correct-horse-battery-staple"),
        ("postgres://app:p@ss:w0rd@db:5432/x", "PASSWORD", "p@ss:w0rd"),
        ("Hi, my name is Oluwaseun Adeyemi.", "PERSON", "Oluwaseun Adeyemi"),
        ("Dear Ms. Nakamura,\nthanks", "PERSON", "Nakamura"),
        ("Priya Raghunathan will join", "PERSON", "Priya Raghunathan"),
        ("Best regards,\nJean-Luc Dupont", "PERSON", "Jean-Luc Dupont"),
        ("my name is john smith and I", "PERSON", "john smith"),
        ("this is Tom", "PERSON", "Tom"),
        ("Thanks, Anna", "PERSON", "Anna"),
        ("iban: gb29 nwbk 6016 1331 9268 19", "IBAN", "gb29 nwbk 6016 1331 9268 19"),
        ("Refund to BE23 7942 1709 4094 thanks", "IBAN", "BE23 7942 1709 4094"),
        ("mysql -u root -pS3cretPass!", "PASSWORD", "S3cretPass!"),
        ("GET /v1/data?api_key=9f8e7d6c5b4a3210&format=json", "TOKEN", "9f8e7d6c5b4a3210"),
        ("ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123", "API_KEY", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123"),
    ],
)  # fmt: skip
def test_finds(text, kind, value):
    assert (kind, value) in kinds_in(text)


def test_nhs_number_needs_its_check_digit():
    # Still a valid-looking US phone number, so it is masked, but not as an NHS number.
    assert kinds_in("NHS number 943 476 5918") == [("PHONE", "943 476 5918")]


def test_private_key_block_is_one_finding():
    block = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nBG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----"
    assert kinds_in(f"deploy key:\n{block}\nthanks") == [("PRIVATE_KEY", block)]


def test_truncated_private_key_is_masked_to_the_end():
    text = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234\nabcd"
    assert kinds_in(text) == [("PRIVATE_KEY", text)]


@pytest.mark.parametrize(
    "text",
    [
        "card 4111 1111 1111 1112",  # Luhn fails
        "IBAN DE89 3704 0044 0532 0130 01",  # mod-97 fails
        "NIR 1 84 12 76 451 089 47",  # wrong key
        "Released 3.2.1 on 2024-03-15 for $1,299.99, SKU AB-1234",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 fixed it",  # a hash with no secret word
        "request 550e8400-e29b-41d4-a716-446655440000 took 12 ms",
        "call getUserAccountSettingsById2 from /usr/lib/python3.11/site-packages",
        "Set max_tokens=2048 and the password field to required",
        "We met in Paris in April; Grace said the New York office is closed.",
        "password: <PASSWORD_1> and token=${API_TOKEN}",  # references, not values
        "pip install scikit-learn; sk-learn-compatible-estimators-and-pipelines are fine",
        "Thanks, Everyone!",
        "The key is understanding the crawl; my password is wrong again.",
    ],
)
def test_ignores(text):
    assert kinds_in(text) == []


def test_overlaps_merge_into_one_finding():
    # The key matches as an API key, as an assigned secret and as a random token.
    text = "OPENAI_API_KEY=sk-proj-Ab3dEfGh1JkLmN0pQrStUvWxYz12345"
    [finding] = scan(text)
    assert finding.kind == "API_KEY"
    assert text[finding.start : finding.end] == finding.value == text.split("=")[1]


def test_findings_are_ordered_and_disjoint():
    text = "Jane Doe <jane@example.org>, +33 6 12 34 56 78, IBAN FR7630006000011234567890189, ip 10.0.0.7"
    findings = scan(text)
    assert [f.kind for f in findings] == ["PERSON", "EMAIL", "PHONE", "IBAN", "IP"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))
    assert {f.kind for f in findings} <= set(KINDS)


def test_rejects_non_text():
    with pytest.raises(TypeError, match="message\\['content'\\]"):
        scan({"role": "user", "content": "hi"})  # type: ignore[arg-type]


def test_scans_without_network():
    # Presidio's e-mail recognizer would fetch the Public Suffix List (tldextract); ours reads syntax.
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise AssertionError('network used')\n"
        "socket.socket.connect = refuse; socket.getaddrinfo = refuse; socket.create_connection = refuse\n"
        "from whittle.privacy import scan\n"
        "assert [f.kind for f in scan('mail jane@example.org')] == ['EMAIL'], scan('mail jane@example.org')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "network used" not in result.stderr
