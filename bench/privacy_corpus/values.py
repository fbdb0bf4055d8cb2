"""Value generators for the privacy corpora: each takes a seeded ``random.Random``.

Values are generated, not copied: card numbers pass Luhn, IBANs carry their mod-97
check digits in each country's layout, NIR/NHS/Steuer-ID/NIF carry their check keys,
phone numbers use real numbering plans, API keys follow each provider's documented
shape. Names come from this package's own lists, never from the lists
``whittle/privacy/names.py`` reads, so recall on names is measured, not assumed.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string

# --- names (our own lists; see the module docstring) --------------------------------------

# Common first names across the locales whittle's users write in.
FIRST = """
Priya Aisha Mohammed Olga Siobhan Mateo Lucia Sofia Liam Emma Noah Olivia Lukas Hannah Jonas
Camille Hugo Chloé Thomas Julien Marie Giulia Alessandro Francesca Marco Pedro Ana João
Beatriz Carlos Diego Valentina Fatima Omar Yusuf Amara Ravi Arjun Ingrid Lars Erik Astrid
Sven Piotr Katarzyna Tomasz Jakub Eva Petra Daniel Sarah David Rachel Michael Jennifer Robert
Patricia James Linda Benjamin Zoe Elena Natalia Ahmet Elif Mehmet Zeynep Niamh Aoife Kwame
Kofi Abena Wei Yuki Hiroshi Margaux Anouk Sanne Bram Joanna Ibrahim Leila Samuel Grace
""".split()
# Names from cultures the gazetteer covers thinly: found only with a cue.
HARD_FIRST = "Chidi Oluwaseun Ananya Deepak Mei Kenji Thanh Dmitri Tenzin Anahera Keoni Ayasha".split()
LAST = """
Raghunathan Khan Chen Tanaka Petrova Murphy Okafor Adeyemi Garcia Fernandez Rossi Müller
Schneider Fischer Weber Dubois Martin Bernard Lefebvre Moreau Bianchi Romano Silva Santos
Oliveira Costa Rodriguez Lopez Hassan Mensah Boateng Sharma Patel Iyer Nair Wang Zhang
Nakamura Suzuki Nguyen Tran Pham Andersson Johansson Nielsen Hansen Kowalski Nowak Novák
Svoboda Cohen Smith Johnson Williams Jones Miller Davis Wilson Anderson Taylor Ivanov
Yilmaz Demir Asante Owusu O'Connor Kelly Walsh Byrne Dupont Lemaire Hoffmann Becker Conti
""".split()


def person(rng: random.Random, hard: bool = False) -> str:
    return f"{rng.choice(HARD_FIRST if hard else FIRST)} {rng.choice(LAST)}"


# --- value generators ---------------------------------------------------------------------

B62 = string.ascii_letters + string.digits


def random_chars(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def random_digits(rng: random.Random, n: int) -> str:
    return random_chars(rng, string.digits, n)


def ascii_name(name: str) -> str:
    table = str.maketrans("éèêëàâäôöüûùçñíóúãõøåæœšžčřěÿ'", "eeeeaaaoouuucniouaooaaoszcreyy")
    return re.sub(r"[^a-z]", "", name.lower().translate(table))


def email(rng: random.Random) -> str:
    first, last = (ascii_name(part) for part in person(rng).split(" ", 1))
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
        area, exchange, line = rng.choice(_US_AREAS), rng.randint(201, 989), random_digits(rng, 4)
        if exchange % 100 == 11:
            exchange += 1  # N11 codes are services, not subscriber numbers
        return [
            f"({area}) {exchange}-{line}",
            f"{area}-{exchange}-{line}",
            f"{area}.{exchange}.{line}",
            f"+1 {area} {exchange} {line}",
        ][style]
    if style < 6:  # UK
        mobile = f"7{rng.choice('4579')}{random_digits(rng, 2)} {random_digits(rng, 6)}"
        return [f"0{mobile}", f"+44 {mobile}", f"+44 (0){mobile}", f"020 7{random_digits(rng, 3)} {random_digits(rng, 4)}"][
            rng.randrange(4)
        ]
    if style < 8:  # France
        # Mobiles: 06 (but 0639, 069x are overseas departments' ranges) and 073-079.
        lead = rng.choice(["6" + rng.choice("0123457"), "7" + rng.choice("3456789")])
        rest = random_digits(rng, 7)
        number = f"{lead[0]} {lead[1]}{rest[0]} {rest[1:3]} {rest[3:5]} {rest[5:]}"
        return [
            f"0{number}",
            f"+33 {number}",
            f"+33 (0){number}",
            f"01 {rest[:1]}{lead[1]} {rest[1:3]} {rest[3:5]} {rest[5:]}",
        ][rng.randrange(4)]
    if style < 10:  # Germany
        mobile = f"15{rng.choice('12579')} {random_digits(rng, 8)}"
        return [f"0{mobile}", f"+49 {mobile}", f"030 {random_digits(rng, 8)}", f"+49 (0)89 {random_digits(rng, 7)}"][
            rng.randrange(4)
        ]
    if style == 10:
        return f"+91 9{random_digits(rng, 4)} {random_digits(rng, 5)}"
    return f"+55 11 9{random_digits(rng, 4)}-{random_digits(rng, 4)}"


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
    body = prefix + random_digits(rng, length - len(prefix) - 1)
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
        random_chars(rng, string.ascii_uppercase if kind == "A" else string.digits, count)
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
    digits, suffix = random_digits(rng, 6), rng.choice("ABCD")
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
    urlsafe = B62 + "-_"
    return rng.choice(
        [
            lambda: "sk-proj-" + random_chars(rng, urlsafe, 74) + "T3BlbkFJ" + random_chars(rng, urlsafe, 74),
            lambda: "sk-" + random_chars(rng, B62, 48),
            lambda: "sk-ant-api03-" + random_chars(rng, urlsafe, 93) + "AA",
            lambda: "ghp_" + random_chars(rng, B62, 36),
            lambda: "github_pat_" + random_chars(rng, B62, 22) + "_" + random_chars(rng, B62, 59),
            lambda: "AKIA" + random_chars(rng, string.ascii_uppercase + "234567", 16),
            lambda: f"xoxb-{random_digits(rng, 12)}-{random_digits(rng, 13)}-{random_chars(rng, B62, 24)}",
            lambda: "AIza" + random_chars(rng, urlsafe, 35),
            lambda: "sk_live_" + random_chars(rng, B62, 24),
            lambda: "hf_" + random_chars(rng, string.ascii_letters, 34),
            lambda: "glpat-" + random_chars(rng, urlsafe, 20),
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
                {"sub": random_digits(rng, 10), "iat": rng.randint(1_600_000_000, 1_800_000_000), "scope": "read"}
            ).encode()
        )
        return f"{header}.{payload}.{random_chars(rng, B62 + '-_', 43)}"
    if style == 1:
        return random_chars(rng, B62, rng.randint(32, 48))
    return random_chars(rng, "0123456789abcdef", 40)  # only said to be a secret by its context


def private_key(rng: random.Random) -> str:
    label = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
    lines = [random_chars(rng, B62 + "+/", 64) for _ in range(rng.randint(3, 8))]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


_WORDS = "correct horse battery staple maple river orbit velvet lantern copper meadow falcon".split()


def password(rng: random.Random) -> str:
    style = rng.randrange(3)
    if style == 0:
        return random_chars(rng, B62 + "!@#%&*?", rng.randint(10, 16))
    if style == 1:
        return rng.choice(_WORDS).capitalize() + str(rng.randint(10, 9999)) + rng.choice("!#$?")
    return "-".join(rng.sample(_WORDS, 4))

