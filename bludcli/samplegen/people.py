"""Officials of a BLUD: Indonesian names with academic titles and valid NIPs."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass

_FIRST = {
    1: ("Ahmad", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Rahmat", "Syamsul",
        "Taufik", "Yusuf", "Zulkifli", "Agus", "Bambang", "Hadi", "Rudi", "Andi", "Ridwan", "Arif"),
    2: ("Siti", "Dewi", "Rina", "Nurul", "Lestari", "Wulan", "Yuliana", "Fitri", "Ratna", "Indah",
        "Sri", "Mega", "Novita", "Ayu", "Desi", "Herlina", "Rosmawati", "Yeni", "Nurhayati", "Erni"),
}
_LAST = {
    1: ("Saputra", "Pratama", "Hidayat", "Nasution", "Siregar", "Harahap", "Lubis", "Wijaya",
        "Kurniawan", "Setiawan", "Syahputra", "Firmansyah", "Gunawan", "Ramadhan", "Sitompul"),
    2: ("Rahmawati", "Handayani", "Susanti", "Wahyuni", "Lestari", "Permatasari", "Anggraini",
        "Puspitasari", "Fitriani", "Maharani", "Nasution", "Siregar", "Harahap", "Yulianti"),
}
# Titles by role; "{}" is the name.
_LEADER_TITLES = {
    "RSUD": ("dr. {}, Sp.PD", "dr. {}, M.Kes.", "dr. {}, MARS", "dr. {}, Sp.OG"),
    "Puskesmas": ("dr. {}", "drg. {}", "{}, S.KM., M.Kes.", "{}, S.Kep., Ners", "dr. {}, M.K.M."),
    "Labkesda": ("{}, S.Si., M.Kes.", "dr. {}, Sp.PK", "{}, S.ST., M.Kes."),
}
_FINANCE_TITLES = ("{}, S.E.", "{}, S.E., M.Si.", "{}, S.Ak.", "{}, A.Md.", "{}, S.E., M.M.")


@dataclass(frozen=True)
class Person:
    nama: str
    nip: str  # 18 digits, no spaces

    @property
    def nip_spaced(self) -> str:
        """'19800101 200501 1 001', as NIPs are printed."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def make_nip(rng: random.Random, gender: int, tahun: int) -> str:
    """Birth date, appointment year-month (age 22-40 and before `tahun`), gender, sequence."""
    birth_year = rng.randint(tahun - 58, tahun - 30)
    birth_month = rng.randint(1, 12)
    birth_day = rng.randint(1, calendar.monthrange(birth_year, birth_month)[1])
    appointed = rng.randint(birth_year + 22, min(birth_year + 40, tahun - 1))
    return (f"{birth_year:04d}{birth_month:02d}{birth_day:02d}"
            f"{appointed:04d}{rng.randint(1, 12):02d}{gender}{rng.randint(1, 999):03d}")


def make_person(rng: random.Random, titles: tuple[str, ...], tahun: int) -> Person:
    gender = rng.choice((1, 2))
    name = f"{rng.choice(_FIRST[gender])} {rng.choice(_LAST[gender])}"
    return Person(nama=rng.choice(titles).format(name), nip=make_nip(rng, gender, tahun))


def make_officials(rng: random.Random, jenis: str, tahun: int) -> tuple[Person, Person]:
    """(Pemimpin BLUD, Pejabat Keuangan)."""
    return make_person(rng, _LEADER_TITLES[jenis], tahun), make_person(rng, _FINANCE_TITLES, tahun)
