"""Values for the ``world`` corpus: e-mail addresses at any domain, phones in many countries' formats.

Phone numbers follow each country's written format (grouping, trunk prefix, "+CC" or
"00CC") with random digits, so many are *unassigned*: the guard must recognise them
by format, not by whether the area code exists.
"""

from __future__ import annotations

import random
import unicodedata

from .people import first_name, name, surname
from .values import random_digits

# Internal, reserved and private-use domains next to ordinary public ones.
INTERNAL_DOMAINS = [
    "acme.internal", "corp.local", "intranet.lan", "mail.test", "hq.corp", "it.intra", "office.home.arpa",
    "svc.cluster.local", "dev.localdomain", "lab.private", "staging.example", "build.invalid", "ad.contoso.local",
    "mx.int", "eu.acme-group.internal", "finance.corp.lan",
]  # fmt: skip
PUBLIC_DOMAINS = [
    "gmail.com", "yahoo.co.in", "mail.ru", "naver.com", "qq.com", "gmx.at", "libero.it", "wp.pl", "seznam.cz",
    "uol.com.br", "telkom.net.id", "safaricom.co.ke", "mweb.co.za", "bigpond.com.au", "xtra.co.nz",
    "university.ac.ug", "hospital.org.ng", "startup.xyz", "studio.app", "consulting.museum", "firm.law",
]  # fmt: skip


def _fold(text: str) -> str:
    """"Jūratė Öztürk" -> "jurate ozturk": how names become mailbox names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("ð", "d").replace("ı", "i"))
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in " -")).lower()


def email_anywhere(rng: random.Random) -> str:
    first, last = _fold(first_name(rng)), _fold(surname(rng)).replace(" ", "")
    local = rng.choice(
        [f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}", f"{last}{random_digits(rng, 2)}", first,
         f"{first}.{last}+{rng.choice(['billing', 'hr', 'tickets'])}", f"{first[0]}.{last}", f"{last}-{first}"]
    )  # fmt: skip
    domain = rng.choice(INTERNAL_DOMAINS if rng.random() < 0.55 else PUBLIC_DOMAINS)
    address = f"{local}@{domain}"
    return address.upper() if rng.random() < 0.05 else address


def _nanp(rng: random.Random) -> str:
    # Any area code of NANP's shape [2-9]XX, assigned or not ("(593) 345-5388").
    area, exchange, line = f"{rng.randint(2, 9)}{random_digits(rng, 2)}", f"{rng.randint(2, 9)}{random_digits(rng, 2)}", random_digits(rng, 4)
    return rng.choice([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}", f"{area}.{exchange}.{line}",
                       f"+1 {area} {exchange} {line}", f"1-{area}-{exchange}-{line}", f"+1 ({area}) {exchange}-{line}",
                       f"({area}) {exchange}-{line} ext. {rng.randint(10, 999)}"])  # fmt: skip


def _d(rng: random.Random, n: int) -> str:
    return random_digits(rng, n)


# country: (international prefix, [national formats]); "{0}" is the trunk prefix where a country uses one.
_FORMATS = {
    "GB": ("44", lambda r: [f"07{_d(r, 3)} {_d(r, 6)}", f"01{_d(r, 3)} {_d(r, 6)}", f"020 {_d(r, 4)} {_d(r, 4)}"]),
    "FR": ("33", lambda r: [f"0{r.randint(1, 7)} {_d(r, 2)} {_d(r, 2)} {_d(r, 2)} {_d(r, 2)}", f"0{r.randint(6, 7)}.{_d(r, 2)}.{_d(r, 2)}.{_d(r, 2)}.{_d(r, 2)}"]),
    "DE": ("49", lambda r: [f"01{r.choice('567')}{_d(r, 1)} {_d(r, 7)}", f"0{_d(r, 3)}/{_d(r, 6)}", f"(0{_d(r, 2)}) {_d(r, 7)}"]),
    "ES": ("34", lambda r: [f"6{_d(r, 2)} {_d(r, 3)} {_d(r, 3)}", f"9{_d(r, 2)} {_d(r, 2)} {_d(r, 2)} {_d(r, 2)}"]),
    "IT": ("39", lambda r: [f"3{_d(r, 2)} {_d(r, 3)} {_d(r, 4)}", f"02 {_d(r, 4)} {_d(r, 4)}"]),
    "NL": ("31", lambda r: [f"06-{_d(r, 8)}", f"020-{_d(r, 3)} {_d(r, 4)}"]),
    "CH": ("41", lambda r: [f"07{r.choice('6789')} {_d(r, 3)} {_d(r, 2)} {_d(r, 2)}"]),
    "PL": ("48", lambda r: [f"{r.choice('5678')}{_d(r, 2)} {_d(r, 3)} {_d(r, 3)}"]),
    "SE": ("46", lambda r: [f"07{_d(r, 1)}-{_d(r, 3)} {_d(r, 2)} {_d(r, 2)}"]),
    "BR": ("55", lambda r: [f"({_d(r, 2)}) 9{_d(r, 4)}-{_d(r, 4)}", f"({_d(r, 2)}) {_d(r, 4)}-{_d(r, 4)}"]),
    "MX": ("52", lambda r: [f"55 {_d(r, 4)} {_d(r, 4)}", f"(33) {_d(r, 4)}-{_d(r, 4)}"]),
    "AR": ("54", lambda r: [f"011 15-{_d(r, 4)}-{_d(r, 4)}"]),
    "IN": ("91", lambda r: [f"9{_d(r, 4)} {_d(r, 5)}", f"0{_d(r, 2)}-{_d(r, 8)}", f"7{_d(r, 9)}"]),
    "PK": ("92", lambda r: [f"03{_d(r, 2)}-{_d(r, 7)}"]),
    "CN": ("86", lambda r: [f"1{r.choice('3589')}{_d(r, 1)} {_d(r, 4)} {_d(r, 4)}", f"010-{_d(r, 8)}"]),
    "JP": ("81", lambda r: [f"0{r.choice('789')}0-{_d(r, 4)}-{_d(r, 4)}", f"03-{_d(r, 4)}-{_d(r, 4)}"]),
    "KR": ("82", lambda r: [f"010-{_d(r, 4)}-{_d(r, 4)}", f"02-{_d(r, 3)}-{_d(r, 4)}"]),
    "AU": ("61", lambda r: [f"04{_d(r, 2)} {_d(r, 3)} {_d(r, 3)}", f"(02) {_d(r, 4)} {_d(r, 4)}"]),
    "ZA": ("27", lambda r: [f"0{r.choice('678')}{_d(r, 1)} {_d(r, 3)} {_d(r, 4)}"]),
    "NG": ("234", lambda r: [f"080{_d(r, 1)} {_d(r, 3)} {_d(r, 4)}", f"0{r.choice('789')}0{_d(r, 8)}"]),
    "KE": ("254", lambda r: [f"07{_d(r, 2)} {_d(r, 3)} {_d(r, 3)}"]),
    "EG": ("20", lambda r: [f"01{_d(r, 1)} {_d(r, 4)} {_d(r, 4)}"]),
    "AE": ("971", lambda r: [f"05{_d(r, 1)} {_d(r, 3)} {_d(r, 4)}"]),
    "IL": ("972", lambda r: [f"05{_d(r, 1)}-{_d(r, 3)}-{_d(r, 4)}"]),
    "TR": ("90", lambda r: [f"05{_d(r, 2)} {_d(r, 3)} {_d(r, 2)} {_d(r, 2)}", f"0 (5{_d(r, 2)}) {_d(r, 3)} {_d(r, 2)} {_d(r, 2)}"]),
    "RU": ("7", lambda r: [f"8 (9{_d(r, 2)}) {_d(r, 3)}-{_d(r, 2)}-{_d(r, 2)}", f"8 9{_d(r, 2)} {_d(r, 3)} {_d(r, 2)} {_d(r, 2)}"]),
    "ID": ("62", lambda r: [f"0812-{_d(r, 4)}-{_d(r, 4)}", f"08{_d(r, 2)} {_d(r, 4)} {_d(r, 3)}"]),
    "PH": ("63", lambda r: [f"09{_d(r, 2)} {_d(r, 3)} {_d(r, 4)}"]),
    "VN": ("84", lambda r: [f"09{_d(r, 1)} {_d(r, 3)} {_d(r, 2)} {_d(r, 2)}"]),
    "SG": ("65", lambda r: [f"{r.choice('89')}{_d(r, 3)} {_d(r, 4)}"]),
}  # fmt: skip


def phone_anywhere(rng: random.Random) -> str:
    """A phone number written the way people in one of ~30 countries write it."""
    if rng.random() < 0.25:
        return _nanp(rng)
    country = rng.choice(sorted(_FORMATS))
    code, formats = _FORMATS[country]
    national = rng.choice(formats(rng))
    style = rng.random()
    if style < 0.45:
        return national
    # International: drop the trunk "0" (or Russia's "8") the way people do, mostly.
    subscriber = national
    for trunk in ("0 ", "(0", "0", "8 "):
        if subscriber.startswith(trunk) and country not in ("IT", "SG", "PL", "ES", "MX", "BR"):
            subscriber = ("(" if trunk == "(0" else "") + subscriber[len(trunk) :]
            break
    prefix = f"+{code}" if style < 0.85 else f"00{code}"
    return f"{prefix} {subscriber}"


def person_name(rng: random.Random) -> str:
    return name(rng, parts=3 if rng.random() < 0.12 else 2)
