"""The measured corpus: personal data as people around the world write it, in mixed languages.

Built to measure how the guard *generalises*, so it shares nothing with what the guard
was tuned on: names from ``people.py`` (16 cultures, our own lists), e-mail addresses
at internal and reserved domains as often as public ones, phone numbers in ~30
countries' formats with random (often unassigned) digits, and phrasings in English,
French, German, Spanish, Italian, Portuguese, Dutch, Polish, Turkish and Indonesian,
sometimes switching language mid-message. Names mostly appear the way they do in
real requests: after "from", "with", "cc", in e-mail headers, attendee lists, CSV rows.

``world_samples()`` weighs the kinds that leaked in the issue #13 probe (PERSON, EMAIL,
PHONE) three to one against the others; ``world_benign()`` yields texts with no
personal data but with the things that trip detectors (capitalised place, product and
organisation names, German nouns, decorators and scoped packages, long numbers).
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

from .seeded import Sample
from .values import (
    api_key,
    card,
    de_tax_id,
    es_nif,
    fr_nir,
    iban,
    ip,
    password,
    private_key,
    random_chars,
    random_digits,
    token,
    uk_nhs,
    uk_nino,
    us_ssn,
)  # fmt: skip
from .world_values import email_anywhere, person_name, phone_anywhere

WORLD_SEED = 4242

_PHRASINGS: dict[str, list[str]] = {
    "EMAIL": ["Write to {v} for access.", "my work address is {v}", "Envoyez le contrat à {v} svp", "Bitte an {v} weiterleiten.",
              "Escríbeme a {v}", "mail: <{v}>", "mailto:{v}", "Reply-To: {v}", "contatto {v}", "Stuur het naar {v}",
              "name,email\nrow1,{v}", "tolong kirim ke {v} ya", "\"owner\": \"{v}\",", "Login failed for user {v} (LDAP)"],
    "PHONE": ["ring me at {v}", "Tel. {v}", "Mobil: {v}", "WhatsApp {v} (after 6pm)", "Llámame al {v}", "appelle-moi au {v}",
              "chiamami al {v}", "meu celular é {v}", "bel me op {v}", "zadzwoń: {v}", "beni {v} numaradan ara",
              "hubungi {v}", "Phone | {v}", "the number on file is {v}, can you update it?", "SMS to {v} failed",
              "Emergency contact: {v}"],
    "PERSON": ["Got a complaint from {v} about the invoice.", "I had a call with {v} yesterday.", "cc {v}",
               "Please loop in {v} on this thread.", "Meeting notes — attendees: {v}, Finance team.", "From: {v}",
               "On Tue, {v} wrote:\n> see below", "Assigned to: {v}", "According to {v}, the budget is approved.",
               "Can you ask {v} to sign the NDA?", "Reçu un message de {v} ce matin.", "Ich habe mit {v} gesprochen.",
               "Hablé con {v} ayer.", "Ho parlato con {v} oggi.", "Falei com {v} ontem.", "Ik sprak met {v}.",
               "Rozmawiałem z {v}.", "{v} ile görüştüm.", "Saya bertemu {v} kemarin.", "Tell {v} the demo moved.",
               "Is {v} spelled right on the certificate?", "{v} (Head of Sales) approved the discount.",
               "Thanks to {v} for the review.", "Draft a birthday note for {v}.", "Reviewer: {v}",
               "The tenant, {v}, has not paid since May.", "Patient: {v}, DOB 1984-02-11",
               "Please send flowers to {v}.", "Translate this for {v}: merci pour tout."],
    "CARD": ["Karte: {v}", "tarjeta {v}, caduca 11/27", "pay with {v}"],
    "IBAN": ["Konto {v}", "Bank details — IBAN {v}", "rekening {v}"],
    "IP": ["VPN peer {v} keeps dropping", "allowlist {v} please", "server {v} non risponde"],
    "US_SSN": ["SSN {v}", "social: {v}"],
    "UK_NINO": ["NI no {v}"],
    "UK_NHS": ["NHS no. {v}"],
    "DE_TAX_ID": ["Steuer-ID: {v}"],
    "ES_NIF": ["DNI: {v}"],
    "FR_NIR": ["N° de sécu : {v}"],
    "API_KEY": ["OPENAI_API_KEY={v}", "my key {v} stopped working"],
    "TOKEN": ["Authorization: Bearer {v}", "refresh_token={v}"],
    "PRIVATE_KEY": ["id_rsa:\n{v}"],
    "PASSWORD": ["Passwort ist {v}", "contraseña: {v}", "password={v}"],
}  # fmt: skip

_GENERATORS = {
    "EMAIL": email_anywhere, "PHONE": phone_anywhere, "PERSON": person_name, "CARD": card, "IBAN": iban, "IP": ip,
    "US_SSN": us_ssn, "UK_NINO": uk_nino, "UK_NHS": uk_nhs, "DE_TAX_ID": de_tax_id, "ES_NIF": es_nif,
    "FR_NIR": fr_nir, "API_KEY": api_key, "TOKEN": token, "PRIVATE_KEY": private_key, "PASSWORD": password,
}  # fmt: skip
_LEAKED_IN_PROBE = ("PERSON", "EMAIL", "PHONE")
_OTHERS = tuple(kind for kind in _GENERATORS if kind not in _LEAKED_IN_PROBE)

_OPENERS = ["", "Hey, ", "Salut ! ", "Hallo zusammen,\n", "Hola, ", "Olá! ", "Ciao, ", "Quick one: ", "Re: ", "Urgent — "]
_FILLERS = [
    "Can you summarise this for the weekly report?", "Please answer in English.", "Réponds en français stp.",
    "Das Meeting ist am Donnerstag um 14 Uhr.", "Gracias de antemano.", "The ticket is INC-20391.",
    "We shipped v3.2 on 2025-11-04.", "Total due: €1.240,50.", "Obrigado!", "Draft a short, polite answer.",
]  # fmt: skip


def _fragment(rng: random.Random, kind: str) -> tuple[str, str]:
    value = _GENERATORS[kind](rng)
    phrasing = rng.choice(_PHRASINGS[kind])
    if kind == "TOKEN" and all(c in string.hexdigits for c in value):
        phrasing = "refresh_token={v}"  # a hex token is a secret only when the text says so
    return phrasing.format(v=value), value


def world_samples(n: int = 1500, seed: int = WORLD_SEED) -> Iterator[Sample]:
    """``n`` messages with one to three sensitive values; three in four lead with a name, e-mail or phone."""
    rng = random.Random(seed)
    for i in range(n):
        lead = _LEAKED_IN_PROBE[i % 3] if i % 4 else _OTHERS[(i // 4) % len(_OTHERS)]
        kinds = [lead] + rng.sample(_LEAKED_IN_PROBE + _OTHERS[:3], rng.choice([0, 0, 1, 2]))
        parts, secrets = [], {}
        for kind in kinds:
            fragment, value = _fragment(rng, kind)
            if any(value in other or other in value for other in secrets):
                continue
            parts.append(fragment)
            secrets[value] = kind
        if rng.random() < 0.5:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(_FILLERS))
        yield Sample(rng.choice(_OPENERS) + rng.choice([" ", "\n"]).join(parts), secrets)


def world_conversations(n: int = 20, seed: int = WORLD_SEED) -> Iterator[tuple[list[str], dict[str, str]]]:
    """User turns of a chat: sensitive values in the first turns, later turns refer back to them.

    Yields (user messages in order, secrets); the caller interleaves the assistant's answers.
    """
    rng = random.Random(seed + 1)
    for _ in range(n):
        who, mail, tel = person_name(rng), email_anywhere(rng), phone_anywhere(rng)
        surname = who.split()[-1]
        turns = [
            f"I need to write to {who} ({mail}) about the late delivery.",
            f"Add that they can call us back on {tel}.",
            f"Is {surname} spelled right? Also make it shorter.",
            "Now translate the whole thing into German.",
        ]
        yield turns, {who: "PERSON", mail: "EMAIL", tel: "PHONE"}


# --- benign texts -------------------------------------------------------------------------

_BENIGN = [
    "The Mekong Delta tour stops in Can Tho and Chau Doc before reaching Phnom Penh.",
    "Die Besprechung mit dem Vertrieb findet im Großen Konferenzraum statt, Beginn {time} Uhr.",
    "Rendez-vous à la Gare de Lyon, sortie Hall Billy, à {time}.",
    "Upgrade Kubernetes to 1.{small}{small} and Helm to 3.{n}; Argo Rollouts needs a restart.",
    "Use @app.get('/items/{{item_id}}') and install @types/node@{small}0 with npm.",
    "Tracking number 1Z{upper}{digits6} shipped from Louisville via UPS Worldport.",
    "Invoice {order} dated {date}: {qty} x Adobe Creative Cloud at {price}.",
    "The Royal Society and the Max Planck Institute co-host the Leibniz Lecture in {month}.",
    "Mount Kilimanjaro, Lake Victoria and the Serengeti National Park are on the itinerary.",
    "Sales in Nordrhein-Westfalen rose {pct}% while Baden-Württemberg fell {small}%.",
    "Open Settings > Privacy & Security > Location Services and turn it off.",
    "The Supreme Court ruled in Dobbs that the Fourteenth Amendment does not apply.",
    "We benchmarked Llama {small}, Mistral Large and Qwen2.5-{small}B on HumanEval.",
    "Flight QR{order} from Doha lands at Kuala Lumpur International at {time}.",
    "Unit {small}{small}B, Building {small}, Science Park, Eindhoven — parking at P{small}.",
    "La reunión con Recursos Humanos es el {date} en la Sala Azul.",
    "A reunião do Conselho Fiscal foi adiada para {date}.",
    "Il Consiglio di Amministrazione approva il bilancio {year}.",
    "Het Rijksmuseum en het Van Gogh Museum zijn op maandag open.",
    "Spotkanie Zarządu odbędzie się w Warszawie o {time}.",
    "Toplantı Ankara ofisinde, saat {time}'da başlıyor.",
    "Rapat dengan Tim Keuangan diundur ke hari Kamis.",
    "Product code {upper}-{digits6}-{small} replaces {upper}-{digits6}.",
    "Coordinates -33.8688, 151.2093 (Sydney Opera House), zoom {small}.",
    "Build #{order} passed in {small}m {n}s on the Ubuntu {small}2.04 runner.",
    "Call the function with timeout={n}, retries={small} and backoff=1.5.",
    "Our Customer Success team in Nairobi handles Swahili and Amharic tickets.",
    "The Tate Modern show on Bauhaus Design runs until {month} {year}.",
    "ISO 8601: {year}-{mm}-{dd}T{time}:00+05:30; Unix time 17{digits6}{small}{small}{small}.",
    "Release notes: Fixed Crash On Startup, Improved Dark Mode, New Export Dialog.",
    "Ask the Help Desk about the Service Level Agreement for Priority One incidents.",
    "Reading list: War and Peace, One Hundred Years of Solitude, Things Fall Apart.",
    "The Golden Gate Bridge and Alcatraz Island are closed on {date}.",
    "Set PYTHONHASHSEED=0 and run pytest -k 'not slow' -n {small}.",
    "Order {order} ({qty} units) goes to the Rotterdam warehouse, dock {small}.",
    "Average response time {n} ms, p99 {n}{small} ms, {pct}% errors over {small} days.",
    "The Chicago Bulls beat the Boston Celtics {n}-{n} in overtime.",
    "Hamburg Süd and Hapag-Lloyd both serve the Santos–Antwerp route.",
    "Meet Jupyter, the notebook; Polars, the dataframe library; and Ruff, the linter.",
    "Nutrition: {n} kcal, {small}{small} g protein, {small} g fibre per {n} g.",
]  # fmt: skip

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "November"]


def world_benign(n: int = 400, seed: int = WORLD_SEED) -> Iterator[str]:
    """Texts with no personal data or secrets: any finding in them is a false positive."""
    rng = random.Random(seed + 2)
    for i in range(n):
        year = rng.randint(2000, 2027)
        values = {
            "time": f"{rng.randint(7, 20)}:{rng.choice(['00', '15', '30', '45'])}", "small": rng.randint(1, 9),
            "n": rng.randint(10, 999), "order": rng.randint(100_000, 9_999_999), "qty": rng.randint(1, 90),
            "date": rng.choice([f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.{year}"]),
            "price": rng.choice([f"${rng.randint(5, 900)}.{random_digits(rng, 2)}", f"{rng.randint(5, 900)},{random_digits(rng, 2)} €"]),
            "pct": rng.randint(1, 40), "month": rng.choice(_MONTHS), "year": year,
            "upper": random_chars(rng, string.ascii_uppercase, 3), "digits6": random_digits(rng, 6),
            "mm": f"{rng.randint(1, 12):02d}", "dd": f"{rng.randint(1, 28):02d}",
        }  # fmt: skip
        yield _BENIGN[i % len(_BENIGN)].format(**values)
