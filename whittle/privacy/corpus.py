"""A seeded corpus for testing the privacy guard: sensitive samples, benign texts.

``samples()`` yields ``Sample(text, secrets)``: a message a user might write (a support
request, an e-mail signature, a config snippet, a log line...) carrying one to four
sensitive values, and ``secrets`` maps each raw value to its kind. Nothing in
``secrets`` may ever reach an untrusted tier, or a trusted one unmasked::

    for text, secrets in samples():
        body = send_through_router(text)         # what the fake remote server recorded
        assert not leaked_values(body, secrets)

Values are generated, not copied: card numbers pass Luhn, IBANs carry their mod-97
check digits in each country's layout, NIR/NHS/Steuer-ID/NIF carry their check keys,
phone numbers use real numbering plans, API keys follow each provider's documented
shape. Names come from this module's own lists, not from the gazetteer ``names.py``
uses, so recall on names is measured, not assumed; the names written with no cue at all
use common first names (what the gazetteer claims to cover); ``hard_samples()`` holds
what it does not claim.

``benign()`` yields texts with no personal data that look like they might have some
(dates, prices, versions, product codes, hashes, place and company names), to measure
false positives. ``conversations()`` yields multi-turn chats where the sensitive value
comes early, to test pinning.
"""

from __future__ import annotations

import base64
import contextlib
import json
import random
import re
import string
from collections.abc import Iterator, Mapping
from typing import NamedTuple

SEED = 1729


class Sample(NamedTuple):
    text: str
    secrets: dict[str, str]  # raw value -> kind


# --- names (our own lists; see the module docstring) --------------------------------------

# Common first names across the locales whittle's users write in.
_FIRST = """
Priya Aisha Mohammed Olga Siobhan Mateo Lucia Sofia Liam Emma Noah Olivia Lukas Hannah Jonas
Camille Hugo Chloé Thomas Julien Marie Giulia Alessandro Francesca Marco Pedro Ana João
Beatriz Carlos Diego Valentina Fatima Omar Yusuf Amara Ravi Arjun Ingrid Lars Erik Astrid
Sven Piotr Katarzyna Tomasz Jakub Eva Petra Daniel Sarah David Rachel Michael Jennifer Robert
Patricia James Linda Benjamin Zoe Elena Natalia Ahmet Elif Mehmet Zeynep Niamh Aoife Kwame
Kofi Abena Wei Yuki Hiroshi Margaux Anouk Sanne Bram Joanna Ibrahim Leila Samuel Grace
""".split()
# Names from cultures the gazetteer covers thinly: found only with a cue.
_HARD_FIRST = "Chidi Oluwaseun Ananya Deepak Mei Kenji Thanh Dmitri Tenzin Anahera Keoni Ayasha".split()
_LAST = """
Raghunathan Khan Chen Tanaka Petrova Murphy Okafor Adeyemi Garcia Fernandez Rossi Müller
Schneider Fischer Weber Dubois Martin Bernard Lefebvre Moreau Bianchi Romano Silva Santos
Oliveira Costa Rodriguez Lopez Hassan Mensah Boateng Sharma Patel Iyer Nair Wang Zhang
Nakamura Suzuki Nguyen Tran Pham Andersson Johansson Nielsen Hansen Kowalski Nowak Novák
Svoboda Cohen Smith Johnson Williams Jones Miller Davis Wilson Anderson Taylor Ivanov
Yilmaz Demir Asante Owusu O'Connor Kelly Walsh Byrne Dupont Lemaire Hoffmann Becker Conti
""".split()


def _person(rng: random.Random, hard: bool = False) -> str:
    return f"{rng.choice(_HARD_FIRST if hard else _FIRST)} {rng.choice(_LAST)}"


# --- value generators ---------------------------------------------------------------------

_B62 = string.ascii_letters + string.digits


def _chars(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _digits(rng: random.Random, n: int) -> str:
    return _chars(rng, string.digits, n)


def _ascii(name: str) -> str:
    table = str.maketrans("éèêëàâäôöüûùçñíóúãõøåæœšžčřěÿ'", "eeeeaaaoouuucniouaooaaoszcreyy")
    return re.sub(r"[^a-z]", "", name.lower().translate(table))


def email(rng: random.Random) -> str:
    first, last = (_ascii(part) for part in _person(rng).split(" ", 1))
    local = rng.choice(
        [f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{rng.randint(1, 99)}", f"{first}+{rng.choice(['news', 'shop', 'work'])}",
         f"{last}.{first}", f"{first}{rng.randint(1970, 2005)}", f"{first}-{last}"]
    )  # fmt: skip
    domain = rng.choice(
        ["gmail.com", "outlook.fr", "proton.me", "yahoo.co.uk", "web.de", "acme-corp.io", "univ-lyon1.fr",
         "mail.example-bank.com", "nhs.net", "startup.dev", "posteo.de", "icloud.com", "company.co.jp", "agency.com.br"]
    )  # fmt: skip
    return f"{local}@{domain}"


_US_AREAS = [212, 213, 206, 303, 305, 312, 404, 415, 503, 512, 617, 646, 702, 718, 808, 919]


def phone(rng: random.Random) -> str:
    style = rng.randrange(12)
    if style < 4:  # US / Canada
        area, exchange, line = rng.choice(_US_AREAS), rng.randint(201, 989), _digits(rng, 4)
        if exchange % 100 == 11:
            exchange += 1  # N11 codes are services, not subscriber numbers
        return [
            f"({area}) {exchange}-{line}",
            f"{area}-{exchange}-{line}",
            f"{area}.{exchange}.{line}",
            f"+1 {area} {exchange} {line}",
        ][style]
    if style < 6:  # UK
        mobile = f"7{rng.choice('4579')}{_digits(rng, 2)} {_digits(rng, 6)}"
        return [f"0{mobile}", f"+44 {mobile}", f"+44 (0){mobile}", f"020 7{_digits(rng, 3)} {_digits(rng, 4)}"][
            rng.randrange(4)
        ]
    if style < 8:  # France
        # Mobiles: 06 (but 0639, 069x are overseas departments' ranges) and 073-079.
        lead = rng.choice(["6" + rng.choice("0123457"), "7" + rng.choice("3456789")])
        rest = _digits(rng, 7)
        number = f"{lead[0]} {lead[1]}{rest[0]} {rest[1:3]} {rest[3:5]} {rest[5:]}"
        return [
            f"0{number}",
            f"+33 {number}",
            f"+33 (0){number}",
            f"01 {rest[:1]}{lead[1]} {rest[1:3]} {rest[3:5]} {rest[5:]}",
        ][rng.randrange(4)]
    if style < 10:  # Germany
        mobile = f"15{rng.choice('12579')} {_digits(rng, 8)}"
        return [f"0{mobile}", f"+49 {mobile}", f"030 {_digits(rng, 8)}", f"+49 (0)89 {_digits(rng, 7)}"][
            rng.randrange(4)
        ]
    if style == 10:
        return f"+91 9{_digits(rng, 4)} {_digits(rng, 5)}"
    return f"+55 11 9{_digits(rng, 4)}-{_digits(rng, 4)}"


def luhn_digit(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def card(rng: random.Random) -> str:
    prefix, length = rng.choice(
        [("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15), ("6011", 16), ("65", 16), ("35", 16)]
    )  # fmt: skip
    body = prefix + _digits(rng, length - len(prefix) - 1)
    number = body + luhn_digit(body)
    if length == 15:
        return rng.choice([f"{number[:4]} {number[4:10]} {number[10:]}", number])
    groups = [number[i : i + 4] for i in range(0, 16, 4)]
    return rng.choice([" ".join(groups), "-".join(groups), number])


# country: (BBAN generator description as (alphabet, count) runs)
_IBAN_LAYOUT = {
    "DE": [("d", 18)],
    "FR": [("d", 10), ("d", 11), ("d", 2)],
    "GB": [("A", 4), ("d", 14)],
    "ES": [("d", 20)],
    "IT": [("A", 1), ("d", 10), ("d", 12)],
    "NL": [("A", 4), ("d", 10)],
    "BE": [("d", 12)],
    "CH": [("d", 5), ("d", 12)],
}


def iban(rng: random.Random) -> str:
    country = rng.choice(sorted(_IBAN_LAYOUT))
    bban = "".join(
        _chars(rng, string.ascii_uppercase if kind == "A" else string.digits, count)
        for kind, count in _IBAN_LAYOUT[country]
    )
    rearranged = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    compact = f"{country}{98 - number % 97:02d}{bban}"
    return rng.choice([compact, " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))])


def ip(rng: random.Random) -> str:
    if rng.random() < 0.7:
        first = rng.choice([10, 172, 192, 81, 88, 93, 145, 203, 51])
        return ".".join(str(n) for n in (first, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)))
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    groups[0] = rng.choice(["2001", "2a01", "2a02", "fe80", "2600"])
    if rng.random() < 0.5:
        return ":".join(groups)
    return ":".join(groups[:3]) + "::" + ":".join(groups[6:])


def us_ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    sep = rng.choice(["-", "-", " "])
    return f"{area:03d}{sep}{rng.randint(1, 99):02d}{sep}{rng.randint(1, 9999):04d}"


def uk_nino(rng: random.Random) -> str:
    while (prefix := rng.choice("ABCEGHJKLMNOPRSTWXYZ") + rng.choice("ABCEGHJKLMNPRSTWXYZ")) in {
        "BG",
        "GB",
        "NK",
        "KN",
        "NT",
        "TN",
        "ZZ",
    }:
        pass
    digits, suffix = _digits(rng, 6), rng.choice("ABCD")
    return rng.choice([f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}", f"{prefix}{digits}{suffix}"])


def uk_nhs(rng: random.Random) -> str:
    while True:
        body = str(rng.randint(400_000_000, 799_999_999))
        check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if check == 10:
            continue
        number = body + str(0 if check == 11 else check)
        return rng.choice([f"{number[:3]} {number[3:6]} {number[6:]}", number])


def de_tax_id(rng: random.Random) -> str:
    # Ten digits, one of them written two or three times, the first not 0; then ISO 7064 Mod 11,10.
    while True:
        repeated = rng.choice(string.digits)
        others = rng.sample([d for d in string.digits if d != repeated], 10 - rng.choice([2, 3]))
        digits = others + [repeated] * (10 - len(others))
        rng.shuffle(digits)
        if digits[0] != "0":
            break
    product = 10
    for d in digits:
        total = (int(d) + product) % 10 or 10
        product = (total * 2) % 11
    check = (11 - product) % 10
    number = "".join(digits) + str(check)
    return rng.choice([number, f"{number[:2]} {number[2:5]} {number[5:8]} {number[8:]}"])


def es_nif(rng: random.Random) -> str:
    number = rng.randint(1_000_000, 99_999_999)
    letter = "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]
    return rng.choice([f"{number:08d}{letter}", f"{number:08d}-{letter}"])


def fr_nir(rng: random.Random) -> str:
    department = rng.choice([f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"])
    parts = [rng.choice("12"), f"{rng.randint(0, 99):02d}", f"{rng.randint(1, 12):02d}", department,
             f"{rng.randint(1, 990):03d}", f"{rng.randint(1, 999):03d}"]  # fmt: skip
    first13 = "".join(parts).replace("2A", "19").replace("2B", "18")
    key = f"{97 - int(first13) % 97:02d}"
    return rng.choice([" ".join([*parts, key]), "".join([*parts, key])])


def api_key(rng: random.Random) -> str:
    urlsafe = _B62 + "-_"
    return rng.choice(
        [
            lambda: "sk-proj-" + _chars(rng, urlsafe, 74) + "T3BlbkFJ" + _chars(rng, urlsafe, 74),
            lambda: "sk-" + _chars(rng, _B62, 48),
            lambda: "sk-ant-api03-" + _chars(rng, urlsafe, 93) + "AA",
            lambda: "ghp_" + _chars(rng, _B62, 36),
            lambda: "github_pat_" + _chars(rng, _B62, 22) + "_" + _chars(rng, _B62, 59),
            lambda: "AKIA" + _chars(rng, string.ascii_uppercase + "234567", 16),
            lambda: f"xoxb-{_digits(rng, 12)}-{_digits(rng, 13)}-{_chars(rng, _B62, 24)}",
            lambda: "AIza" + _chars(rng, urlsafe, 35),
            lambda: "sk_live_" + _chars(rng, _B62, 24),
            lambda: "hf_" + _chars(rng, string.ascii_letters, 34),
            lambda: "glpat-" + _chars(rng, urlsafe, 20),
        ]
    )()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        payload = _b64url(
            json.dumps(
                {"sub": _digits(rng, 10), "iat": rng.randint(1_600_000_000, 1_800_000_000), "scope": "read"}
            ).encode()
        )
        return f"{header}.{payload}.{_chars(rng, _B62 + '-_', 43)}"
    if style == 1:
        return _chars(rng, _B62, rng.randint(32, 48))
    return _chars(rng, "0123456789abcdef", 40)  # only said to be a secret by its context


def private_key(rng: random.Random) -> str:
    label = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
    lines = [_chars(rng, _B62 + "+/", 64) for _ in range(rng.randint(3, 8))]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


_WORDS = "correct horse battery staple maple river orbit velvet lantern copper meadow falcon".split()


def password(rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        return _chars(rng, _B62 + "!@#%&*?", rng.randint(10, 16))
    if style == 1:
        return rng.choice(_WORDS).capitalize() + str(rng.randint(10, 9999)) + rng.choice("!#$?")
    return "-".join(rng.sample(_WORDS, 4))


# --- phrasings ----------------------------------------------------------------------------

# Each kind: (generator, phrasings). "{v}" is the value; a phrasing may be a whole message.
_PHRASINGS: dict[str, list[str]] = {
    "EMAIL": ["You can reach me at {v}.", "My email is {v}", "Send the invoice to {v} please",
              "mon adresse : {v}", "Kontakt: {v}", '{{"user": {{"email": "{v}"}}}}', "From: {v}\nSubject: refund",
              "cc {v}; bcc nobody"],
    "PHONE": ["Call me on {v}.", "My phone number is {v}", "Tel: {v}", "mobile {v} (evenings)", "Rappelez-moi au {v}",
              "Meine Handynummer ist {v}.", "whatsapp: {v}", "Phone: {v} | Fax: none"],
    "CARD": ["My card number is {v}, exp 09/28.", "Charge {v} please", "card={v}", "Carte bancaire : {v}",
             "The customer paid with {v} and wants a refund."],
    "IBAN": ["Please wire it to {v}.", "IBAN: {v}", "Mon RIB : {v}", "Überweisung an {v}, Verwendungszweck Miete",
             "Refund to account {v} thanks"],
    "IP": ["The server at {v} is down.", "Login from {v} blocked", "ssh admin@{v}", "client_ip={v} status=403",
           "My home IP is {v}"],
    "US_SSN": ["My SSN is {v}.", "SSN: {v}", "social security number {v}", "Employee SSN {v} on the W-2"],
    "UK_NINO": ["My National Insurance number is {v}.", "NI number: {v}", "NINO {v}"],
    "UK_NHS": ["NHS number {v}", "My NHS number is {v}.", "Patient NHS no. {v}"],
    "DE_TAX_ID": ["Meine Steuer-ID ist {v}.", "Steueridentifikationsnummer: {v}", "tax ID (Steuer-ID) {v}"],
    "ES_NIF": ["Mi DNI es {v}.", "NIF: {v}", "DNI {v} para la factura"],
    "FR_NIR": ["Mon numéro de sécurité sociale est {v}.", "NIR : {v}", "n° sécu {v}"],
    "API_KEY": ["export OPENAI_API_KEY={v}", "Here is my key: {v}", "api_key = \"{v}\"", "Authorization header uses {v}",
                "const key = '{v}';", "Why does {v} return 401?"],
    "TOKEN": ["Authorization: Bearer {v}", "token: {v}", "access_token={v}", "The API secret is {v}",
              "curl -H 'Authorization: Bearer {v}' https://api.example.com"],
    "PRIVATE_KEY": ["Here is the deploy key:\n{v}\nwhy is it rejected?", "{v}", "key.pem contains\n{v}"],
    "PASSWORD": ["password: {v}", "DB_PASSWORD={v}", "my password is {v}", '{{"username": "admin", "password": "{v}"}}',
                 "postgres://app:{v}@db.internal:5432/prod", "Mot de passe : {v}", "Passwort: {v}", "pwd={v}"],
    "PERSON": ["My name is {v}.", "Hi, I'm {v} from accounting.", "Dear {v},", "Kind regards,\n{v}",
               "Je m'appelle {v}.", "Mein Name ist {v}.", "Patient name: {v}", "Contact: Dr. {v}",
               "{v} will join the call tomorrow.", "Please ask {v} about it.", "Signed by {v}", "Hello {v}, thanks!",
               "Ms. {v} called about the order."],
}  # fmt: skip

_GENERATORS = {
    "EMAIL": email, "PHONE": phone, "CARD": card, "IBAN": iban, "IP": ip, "US_SSN": us_ssn,
    "UK_NINO": uk_nino, "UK_NHS": uk_nhs, "DE_TAX_ID": de_tax_id, "ES_NIF": es_nif, "FR_NIR": fr_nir,
    "API_KEY": api_key, "TOKEN": token, "PRIVATE_KEY": private_key, "PASSWORD": password, "PERSON": _person,
}  # fmt: skip

KINDS = tuple(_GENERATORS)

_OPENERS = ["", "Hi! ", "Quick question. ", "Hello team,\n", "Bonjour, ", "Hallo, ", "Can you help me? ", "FYI: "]
_FILLERS = [
    "I need this sorted before Friday.", "Can you draft a polite reply?", "Thanks in advance.",
    "The order was placed on 2024-03-15 for $129.99.", "Summarise this for the ticket.",
    "It worked in version 2.4.1 but not in 2.5.0.", "Merci d'avance.", "Danke!", "See the attached CSV (42 rows).",
    "Translate this into French.", "What should I do next?",
]  # fmt: skip


def _fragment(rng: random.Random, kind: str) -> tuple[str, str]:
    value = _GENERATORS[kind](rng)
    phrasing = rng.choice(_PHRASINGS[kind])
    if kind == "TOKEN" and re.fullmatch(r"[0-9a-f]{40}", value):
        phrasing = rng.choice(["The API secret is {v}", "token: {v}", "webhook signing key {v}"])
    return phrasing.format(v=value), value


def samples(n: int = 1200, seed: int = SEED) -> Iterator[Sample]:
    """``n`` sensitive samples; every kind appears in at least ``n // len(KINDS)`` of them."""
    rng = random.Random(seed)
    for i in range(n):
        kinds = [KINDS[i % len(KINDS)]] + rng.sample(KINDS, rng.choice([0, 0, 1, 1, 2, 3]))
        parts, secrets = [], {}
        for kind in kinds:
            fragment, value = _fragment(rng, kind)
            if any(value in other or other in value for other in secrets):
                continue  # keep values distinct, so each can be checked on its own
            parts.append(fragment)
            secrets[value] = kind
        if rng.random() < 0.6:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(_FILLERS))
        separator = rng.choice([" ", "\n", "\n\n"])
        yield Sample(rng.choice(_OPENERS) + separator.join(parts), secrets)


def hard_samples(n: int = 100, seed: int = SEED) -> Iterator[Sample]:
    """Known gaps, measured but not promised: names with no cue from cultures the gazetteer
    covers thinly, and random tokens with no prefix and no word like "key" or "token"."""
    rng = random.Random(seed + 1)
    for i in range(n):
        if i % 2:
            name = _person(rng, hard=True)
            text = rng.choice(
                ["{v} will join the call tomorrow.", "Please ask {v} about it.", "I sat next to {v} at lunch."]
            )
            yield Sample(text.format(v=name), {name: "PERSON"})
        else:
            value = _chars(rng, _B62, rng.randint(24, 40))
            yield Sample(
                rng.choice(["Why does {v} fail?", "use {v} in the header", "{v}"]).format(v=value), {value: "TOKEN"}
            )


def conversations(n: int = 50, seed: int = SEED) -> Iterator[tuple[list[dict], dict[str, str]]]:
    """Chats where the first user message carries sensitive data and later ones do not."""
    rng = random.Random(seed + 2)
    for sample in samples(n, seed + 3):
        messages = [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": sample.text},
            {"role": "assistant", "content": rng.choice(["Noted.", "Got it, thanks.", "Understood."])},
            {"role": "user", "content": rng.choice(["Now summarise our chat.", "Write a short reply.", "What next?"])},
        ]
        yield messages, sample.secrets


# --- benign texts -------------------------------------------------------------------------

_BENIGN = [
    "Release {ver} ships on {date}; the changelog lists {n} fixes.",
    "Order #{order} for {qty} units of SKU {sku} came to {price}.",
    "The meeting moved to {time} on {date} in the {place} office.",
    "Python {ver} is required; run `pip install whittle=={ver}`.",
    "Internal PageRank of /blog/page-{n} is {ratio}, click depth {small}.",
    "Commit {sha} fixed the crawl of {url}.",
    "Revenue grew {pct}% in Q{q} {year} to {price}.",
    "The {company} team in {place} shipped build {build}.",
    "Temperature 0.7, max_tokens={n}, top_p=0.95.",
    "ISBN {isbn}, published {year}, {n} pages.",
    "Request {uuid} finished in {small}.{n} ms with status 200.",
    "The score was {small}-{q} after {n} minutes.",
    "Ref. {sku} / lot {order} expires {date}.",
    "Colour {hex_colour} on {ratio}em padding, breakpoint {n}px.",
    "Meet at {place} station at {time}, then lunch near {company} HQ.",
    "{month} sales: {qty} items, average basket {price}.",
    "Ticket {jira} blocks {jira2}; estimate {small} days.",
    "Coordinates 48.8566, 2.3522; zoom {small}.",
    "Use {ver} or later; {ver2} has the memory leak.",
    "The invoice total is {price} incl. VAT ({pct}%).",
    "Julia Language notebooks run next to Python in Jupyter Lab.",
    "Alexa Skills and Siri Shortcuts both call the same endpoint.",
    "Victoria Station to Paris Nord takes {small} hours by Eurostar.",
    "Open Visual Studio Code, then Git Graph, then the Docker Desktop dashboard.",
    "Georgia Tech and Austin Community College share the grant.",
    "Our Ruby Gems mirror and the Jenkins Pipeline both failed at {time}.",
    "Google Analytics shows Bounce Rate {pct}% for Paid Search in {month}.",
    "Set the Content-Security-Policy header and enable HSTS for {n} days.",
    "The Grand Canyon tour leaves Las Vegas at {time} on {date}.",
    "We moved from Amazon Web Services to Google Cloud Platform in {year}.",
    "Use getUserAccountSettingsById and handleHttpRequestWithRetry in the client.",
    "The hash of the build is {sha} and the artifact is {n} MB.",
    "Santa Clara and San Jose offices close on Thanksgiving Day.",
    "Horizon Europe data and Erasmus Mundus funding are both cited.",
    "Run `docker run -p 8080:80 nginx:1.{n}` then open http://localhost:8080/status.",
    "The Sales Team meets every Monday; Product Marketing on Thursday.",
    "Version {ver} of the Tesla Model Y app adds Dog Mode.",
    "Paste the export from Screaming Frog into the Link Graph app.",
    "The temperature was {small}°C at {time} and the wind {n} km/h.",
    "Rose Gold and Space Grey cost the same: {price}.",
    "My GPU is slow and My API keeps timing out after {n} ms.",
    "Can IT help? The VPN drops every {small} minutes since {date}.",
    "SELECT url, depth, pagerank FROM pages WHERE status = 200 ORDER BY pagerank DESC LIMIT {n};",
    "{year}-05-01T10:22:33.123Z INFO worker-3 processed {n} jobs in {order} µs",
    "| url | depth | inlinks |\n|---|---|---|\n| /blog/seo-tips | {small} | {n} |",
    '{{"model": "smollm2-135m", "temperature": 0.2, "max_tokens": {n}, "stream": true}}',
    "url,status,depth\nhttps://example.com/,200,0\nhttps://example.com/about,301,{small}",
    'Traceback (most recent call last):\n  File "/home/user/app/main.py", line {n}, in <module>\nKeyError: \'session_id\'',
    "Add a todo: call the bank about the mortgage on Tuesday at {time}",
    "git checkout -b feature/link-graph-{n} && git push origin feature/link-graph-{n}",
    "Docker image sha256:{sha}{sha}{sha} pulled in {small}.{n} s",
    "Order the Dell XPS 15 9530 with 32 GB RAM and a 1 TB SSD by {date}.",
    "Cost per 1M tokens: $0.15 input, $0.60 output; we spent {price} yesterday.",
    "Latitude 51.5074, longitude -0.1278; elevation {n} m.",
    "The flight AF{order} leaves CDG at {time} and lands at LHR {small} hours later.",
    "Set CUDA_VISIBLE_DEVICES=0 and OMP_NUM_THREADS={small} before running.",
    "Ask ChatGPT, Claude or Gemini; compare their answers with Llama {small}.",
]  # fmt: skip

_PLACES = ["Paris", "New York", "London", "Berlin", "Lyon", "Victoria", "Austin", "Sydney", "Madison", "Jordan"]
_COMPANIES = ["Microsoft", "Apple", "Google", "Amazon Web Services", "Botify", "Oracle", "Tesla", "Spotify"]
_MONTHS = ["January", "March", "April", "May", "June", "August", "October", "December"]


def benign(n: int = 400, seed: int = SEED) -> Iterator[str]:
    """Texts with no personal data or secrets: any finding in them is a false positive."""
    rng = random.Random(seed + 4)
    for i in range(n):
        year = rng.randint(1998, 2026)
        values = {
            "ver": f"{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}",
            "ver2": f"{rng.randint(0, 4)}.{rng.randint(0, 30)}",
            "date": rng.choice([f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}",
                                f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {year}"]),
            "n": rng.randint(2, 2048), "small": rng.randint(1, 9), "q": rng.randint(1, 4), "year": year,
            "order": rng.randint(10_000, 9_999_999), "qty": rng.randint(1, 500),
            "sku": f"{_chars(rng, string.ascii_uppercase, 2)}-{_digits(rng, 4)}{rng.choice(['', '-XL', '-B'])}",
            "price": rng.choice([f"${rng.randint(1, 9999)}.{_digits(rng, 2)}", f"€{rng.randint(1, 999)}", f"{rng.randint(1, 99)},{_digits(rng, 2)} €"]),
            "time": rng.choice([f"{rng.randint(7, 19)}:{rng.choice(['00', '15', '30', '45'])}", f"{rng.randint(1, 12)}pm"]),
            "place": rng.choice(_PLACES), "company": rng.choice(_COMPANIES), "month": rng.choice(_MONTHS),
            "ratio": f"0.{_digits(rng, 4)}", "pct": rng.randint(1, 60),
            "sha": _chars(rng, "0123456789abcdef", rng.choice([7, 40])),
            "url": f"https://www.example-shop.com/category/{rng.randint(1, 99)}?page={rng.randint(1, 9)}",
            "build": f"{year}.{rng.randint(1, 12)}.{rng.randint(100, 999)}",
            "isbn": rng.choice(["978-0-306-40615-7", "978-3-16-148410-0", "978-1-4028-9462-6"]),
            "uuid": "-".join(_chars(rng, "0123456789abcdef", k) for k in (8, 4, 4, 4, 12)),
            "hex_colour": "#" + _chars(rng, "0123456789abcdef", 6),
            "jira": f"WHT-{rng.randint(10, 999)}", "jira2": f"WHT-{rng.randint(10, 999)}",
        }  # fmt: skip
        yield _BENIGN[i % len(_BENIGN)].format(**values)


# --- checking a request for leaks ---------------------------------------------------------


def leaked_values(body: str | bytes, secrets: Mapping[str, str]) -> list[str]:
    """The secrets that appear in ``body`` (a request body: JSON-decoded when it is JSON).

    A name also counts as leaked when one of its words appears on its own.
    """
    text = body.decode() if isinstance(body, bytes) else body
    haystacks = [text]
    with contextlib.suppress(ValueError):  # not JSON: the raw text is all there is
        haystacks.append("\n".join(_strings(json.loads(text))))
    leaked = []
    for value, kind in secrets.items():
        needles = [value] + ([w for w in value.split() if len(w) >= 3] if kind == "PERSON" else [])
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", h) for n in needles for h in haystacks):
            leaked.append(value)
    return leaked


def _strings(node) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
