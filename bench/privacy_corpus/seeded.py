"""The seeded corpus the privacy guard was first built against (moved from ``whittle/privacy/corpus.py``).

``samples()`` yields ``Sample(text, secrets)``: a message a user might write (a support
request, an e-mail signature, a config snippet, a log line...) carrying one to four
sensitive values, and ``secrets`` maps each raw value to its kind. The names written
with no cue at all use common first names (what the gazetteer claims to cover);
``hard_samples()`` holds what it does not claim.

``benign()`` yields texts with no personal data that look like they might have some
(dates, prices, versions, product codes, hashes, place and company names), to measure
false positives. ``conversations()`` yields multi-turn chats where the sensitive value
comes early, to test pinning.

The guard is tuned to this corpus (the suite asserts 100% recall on it), so it is a
regression check, not a measurement: ``world.py`` is the corpus the bench measures on.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterator
from typing import NamedTuple

from .values import (
    B62,
    api_key,
    card,
    de_tax_id,
    email,
    es_nif,
    fr_nir,
    iban,
    ip,
    password,
    person,
    phone,
    private_key,
    random_chars,
    random_digits,
    token,
    uk_nhs,
    uk_nino,
    us_ssn,
)  # fmt: skip

SEED = 1729


class Sample(NamedTuple):
    text: str
    secrets: dict[str, str]  # raw value -> kind


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
    "API_KEY": api_key, "TOKEN": token, "PRIVATE_KEY": private_key, "PASSWORD": password, "PERSON": person,
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
            name = person(rng, hard=True)
            text = rng.choice(
                ["{v} will join the call tomorrow.", "Please ask {v} about it.", "I sat next to {v} at lunch."]
            )
            yield Sample(text.format(v=name), {name: "PERSON"})
        else:
            value = random_chars(rng, B62, rng.randint(24, 40))
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
            "sku": f"{random_chars(rng, string.ascii_uppercase, 2)}-{random_digits(rng, 4)}{rng.choice(['', '-XL', '-B'])}",
            "price": rng.choice([f"${rng.randint(1, 9999)}.{random_digits(rng, 2)}", f"€{rng.randint(1, 999)}", f"{rng.randint(1, 99)},{random_digits(rng, 2)} €"]),
            "time": rng.choice([f"{rng.randint(7, 19)}:{rng.choice(['00', '15', '30', '45'])}", f"{rng.randint(1, 12)}pm"]),
            "place": rng.choice(_PLACES), "company": rng.choice(_COMPANIES), "month": rng.choice(_MONTHS),
            "ratio": f"0.{random_digits(rng, 4)}", "pct": rng.randint(1, 60),
            "sha": random_chars(rng, "0123456789abcdef", rng.choice([7, 40])),
            "url": f"https://www.example-shop.com/category/{rng.randint(1, 99)}?page={rng.randint(1, 9)}",
            "build": f"{year}.{rng.randint(1, 12)}.{rng.randint(100, 999)}",
            "isbn": rng.choice(["978-0-306-40615-7", "978-3-16-148410-0", "978-1-4028-9462-6"]),
            "uuid": "-".join(random_chars(rng, "0123456789abcdef", k) for k in (8, 4, 4, 4, 12)),
            "hex_colour": "#" + random_chars(rng, "0123456789abcdef", 6),
            "jira": f"WHT-{rng.randint(10, 999)}", "jira2": f"WHT-{rng.randint(10, 999)}",
        }  # fmt: skip
        yield _BENIGN[i % len(_BENIGN)].format(**values)

