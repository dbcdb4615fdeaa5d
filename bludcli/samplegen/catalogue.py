"""Accounts a health BLUD budgets for: real chart codes, who uses them, how they move.

`weights` maps a BLUD type initial (R = RSUD, P = Puskesmas, L = Labkesda) to the
account's relative share of its side of the budget; a type without a weight
does not use the account. `kind` drives how the account is realised through
the year (see report.py). `bku` holds BKU descriptions for its transactions
({bulan}, {bulan_lalu}, {tahun} are filled in); empty means one is derived from
the account name.
"""

from __future__ import annotations

from dataclasses import dataclass

from bludcli.values import Code, parse_code


@dataclass(frozen=True)
class Account:
    code: Code
    weights: dict[str, float]
    kind: str
    required: bool = False
    bku: tuple[str, ...] = ()

    def weight(self, jenis: str) -> float:
        return self.weights.get(jenis[0], 0.0)


def _a(code: str, weights: str, kind: str, *bku: str, required: bool = False) -> Account:
    parsed = {part.split(":")[0]: float(part.split(":")[1]) for part in weights.split()}
    return Account(parse_code(code), parsed, kind, required, bku)


REVENUE = (
    _a("4.1.04.16.01.0001", "R:60 P:30 L:60", "pendapatan",
       "Penerimaan klaim BPJS Kesehatan bulan {bulan_lalu} {tahun}",
       "Setoran pendapatan layanan harian", "Penerimaan pendapatan pelayanan pasien umum",
       required=True),
    _a("4.1.04.16.02.0001", "R:25 P:10 L:30", "pendapatan",
       "Penerimaan jasa layanan pasien umum", "Penerimaan jasa layanan laboratorium",
       "Penerimaan jasa layanan rawat jalan"),
    _a("4.1.04.16.04.0001", "R:4 P:1", "pendapatan",
       "Penerimaan hasil kerja sama pelayanan dengan perusahaan",
       "Penerimaan hasil kerja sama sewa kantin"),
    _a("4.1.04.16.03.0001", "R:3 L:5", "hibah", "Penerimaan hibah terikat alat kesehatan"),
    _a("4.1.04.16.06.0001", "R:0.2 P:0.1 L:0.1", "giro", "Jasa giro bulan {bulan} {tahun}",
       required=True),
    _a("4.1.04.16.06.0002", "R:0.3", "giro", "Pendapatan bunga deposito BLUD bulan {bulan}"),
    _a("4.1.04.18.01.0001", "P:1", "kapitasi",
       "Penerimaan dana kapitasi JKN bulan {bulan} {tahun}", required=True),
)

SPENDING = (
    # Belanja pegawai
    _a("5.1.01.01.01.0002", "R:10", "pegawai", "Pembayaran gaji PPPK bulan {bulan} {tahun}"),
    _a("5.1.01.01.02.0002", "R:1", "pegawai", "Pembayaran tunjangan keluarga PPPK bulan {bulan}"),
    _a("5.1.01.02.01.0001", "R:5", "pegawai", "Pembayaran TPP beban kerja bulan {bulan_lalu}"),
    _a("5.1.01.03.06.0001", "R:14 P:14 L:8", "pegawai",
       "Pembayaran jasa pelayanan kesehatan bulan {bulan_lalu} {tahun}", required=True),
    _a("5.1.01.03.07.0001", "R:1.5 P:1.5 L:1.5", "pegawai",
       "Honorarium pengelola keuangan BLUD bulan {bulan}"),
    _a("5.1.01.03.07.0002", "R:0.8", "pegawai", "Honorarium pejabat pengadaan barang/jasa"),
    # Belanja barang
    _a("5.1.02.01.01.0024", "R:1 P:1 L:1", "rutin", "Belanja alat tulis kantor", required=True),
    _a("5.1.02.01.01.0025", "R:0.5 P:0.5 L:0.5", "rutin", "Belanja kertas HVS dan map"),
    _a("5.1.02.01.01.0026", "R:0.7 P:0.7 L:0.5", "rutin", "Belanja cetak formulir dan blanko"),
    _a("5.1.02.01.01.0029", "R:0.4 P:0.4 L:0.4", "rutin", "Belanja tinta printer dan toner"),
    _a("5.1.02.01.01.0021", "R:0.8 P:0.8 L:0.6", "rutin", "Belanja bahan kebersihan"),
    _a("5.1.02.01.01.0004", "R:1.2 P:1 L:0.8", "rutin", "Pembelian BBM kendaraan operasional",
       "Pembelian BBM ambulans"),
    _a("5.1.02.01.01.0010", "R:2 P:0.4", "rutin", "Pengisian tabung oksigen", "Pengisian tabung gas LPG"),
    _a("5.1.02.01.01.0002", "R:2 L:4", "rutin", "Belanja bahan kimia laboratorium"),
    _a("5.1.02.01.01.0012", "R:2 P:1 L:3", "rutin", "Belanja bahan medis habis pakai"),
    _a("5.1.02.01.01.0015", "R:0.8", "rutin", "Belanja suku cadang alat kedokteran"),
    _a("5.1.02.01.01.0016", "R:0.5 L:1", "rutin", "Belanja suku cadang alat laboratorium"),
    _a("5.1.02.01.01.0037", "R:12 P:8", "rutin", "Belanja obat-obatan", "Pembelian obat e-katalog",
       required=True),
    _a("5.1.02.01.01.0038", "R:3 P:1.5", "rutin", "Belanja obat-obatan lainnya"),
    _a("5.1.02.01.01.0052", "R:0.6 P:0.6 L:0.4", "rutin", "Belanja makan minum rapat"),
    _a("5.1.02.01.01.0053", "R:0.3", "rutin", "Belanja makan minum jamuan tamu"),
    _a("5.1.02.01.01.0056", "R:6 P:0.8", "rutin", "Belanja makan minum pasien rawat inap"),
    _a("5.1.02.01.01.0054", "P:0.3", "rutin", "Belanja extra fooding petugas"),
    _a("5.1.02.01.01.0031", "R:0.3 P:0.3 L:0.3", "rutin", "Belanja lampu dan alat listrik"),
    _a("5.1.02.01.01.0030", "R:0.3 P:0.3", "rutin", "Belanja perabot kantor"),
    _a("5.1.02.01.01.0013", "R:0.3", "rutin", "Belanja suku cadang ambulans"),
    _a("5.1.02.01.01.0071", "L:0.4", "rutin", "Belanja jas laboratorium"),
    # Belanja jasa
    _a("5.1.02.02.01.0014", "R:8 P:6 L:4", "pegawai",
       "Pembayaran jasa tenaga kesehatan non-ASN bulan {bulan}"),
    _a("5.1.02.02.01.0026", "R:3 P:2 L:2", "pegawai",
       "Pembayaran jasa tenaga administrasi bulan {bulan}"),
    _a("5.1.02.02.01.0030", "R:2 P:1.5 L:1", "pegawai",
       "Pembayaran jasa tenaga kebersihan bulan {bulan}"),
    _a("5.1.02.02.01.0031", "R:1.5 P:1", "pegawai", "Pembayaran jasa tenaga keamanan bulan {bulan}"),
    _a("5.1.02.02.01.0033", "R:0.8 P:0.8", "pegawai", "Pembayaran jasa supir ambulans bulan {bulan}"),
    _a("5.1.02.02.01.0034", "R:0.8", "pegawai", "Pembayaran jasa juru masak bulan {bulan}"),
    _a("5.1.02.02.01.0029", "R:1", "rutin", "Pembayaran jasa tenaga ahli"),
    _a("5.1.02.02.01.0059", "R:0.3 P:0.3 L:0.3", "tagihan", "Pembayaran tagihan telepon bulan {bulan_lalu}"),
    _a("5.1.02.02.01.0060", "R:0.6 P:0.6 L:0.4", "tagihan", "Pembayaran tagihan air PDAM bulan {bulan_lalu}"),
    _a("5.1.02.02.01.0061", "R:3 P:2 L:2", "tagihan", "Pembayaran tagihan listrik bulan {bulan_lalu}",
       required=True),
    _a("5.1.02.02.01.0063", "R:0.5 P:0.5 L:0.5", "tagihan", "Pembayaran langganan internet bulan {bulan}"),
    _a("5.1.02.02.01.0051", "R:1 P:0.8", "rutin", "Pembayaran jasa pengolahan limbah medis"),
    _a("5.1.02.02.01.0049", "R:0.5", "rutin", "Pembayaran jasa laundry linen"),
    _a("5.1.02.02.01.0050", "R:0.4 P:0.3 L:0.6", "rutin", "Pembayaran jasa kalibrasi alat kesehatan"),
    _a("5.1.02.02.01.0052", "R:0.3", "rutin", "Pembayaran jasa fumigasi dan pengendalian hama"),
    _a("5.1.02.02.01.0064", "L:0.3", "rutin", "Pembayaran jasa pengiriman sampel"),
    _a("5.1.02.02.01.0067", "R:0.2", "rutin", "Pembayaran perpanjangan izin operasional"),
    # Pemeliharaan, perjalanan dinas
    _a("5.1.02.03.02.0035", "R:0.4 P:0.4", "rutin", "Servis kendaraan dinas roda empat"),
    _a("5.1.02.03.02.0036", "R:0.6 P:0.3", "rutin", "Servis dan ganti oli ambulans"),
    _a("5.1.02.03.02.0204", "R:1 P:0.4 L:0.6", "rutin", "Pemeliharaan alat kedokteran umum"),
    _a("5.1.02.03.03.0006", "R:2 P:1.5 L:1", "rutin", "Pemeliharaan gedung pelayanan"),
    _a("5.1.02.03.03.0001", "R:0.5", "rutin", "Pemeliharaan gedung kantor"),
    _a("5.1.02.04.01.0001", "R:1 P:0.8 L:0.6", "rutin", "Perjalanan dinas konsultasi ke provinsi",
       "Perjalanan dinas pelatihan petugas"),
    _a("5.1.02.04.01.0003", "R:0.5 P:0.8 L:0.3", "rutin", "Perjalanan dinas dalam daerah",
       "Transport petugas posyandu dan pusling"),
    # Belanja modal
    _a("5.2.02.07.01.0001", "R:3 P:3 L:1", "modal", "Pengadaan alat kedokteran umum"),
    _a("5.2.02.07.01.0002", "R:1 P:1", "modal", "Pengadaan dental unit"),
    _a("5.2.02.07.01.0004", "R:3", "modal", "Pengadaan alat kedokteran bedah"),
    _a("5.2.02.07.01.0005", "R:1.5 P:1", "modal", "Pengadaan alat kebidanan"),
    _a("5.2.02.07.01.0010", "R:1", "modal", "Pengadaan inkubator bayi"),
    _a("5.2.02.07.01.0015", "R:4", "modal", "Pengadaan alat radiologi"),
    _a("5.2.02.07.01.0021", "R:2", "modal", "Pengadaan alat gawat darurat"),
    _a("5.2.02.07.01.0024", "R:3", "modal", "Pengadaan ventilator ICU"),
    _a("5.2.02.07.01.0028", "R:2", "modal", "Pengadaan mesin anestesi"),
    _a("5.2.02.08.01.0011", "R:1 L:4", "modal", "Pengadaan alat laboratorium umum"),
    _a("5.2.02.08.01.0016", "R:1 L:3", "modal", "Pengadaan hematology analyzer"),
    _a("5.2.02.02.01.0002", "R:2 P:1", "modal", "Pengadaan ambulans"),
    _a("5.2.02.10.01.0002", "R:0.8 P:0.6 L:0.6", "modal", "Pengadaan komputer PC"),
    _a("5.2.02.10.02.0003", "R:0.3 P:0.2", "modal", "Pengadaan printer dan UPS"),
    _a("5.2.02.05.02.0001", "R:0.5 P:0.5 L:0.3", "modal", "Pengadaan mebel ruang pelayanan"),
    _a("5.2.02.05.02.0004", "R:0.5 P:0.4 L:0.4", "modal", "Pengadaan AC split"),
    _a("5.2.02.05.01.0005", "R:0.3 P:0.2", "modal", "Pengadaan alat kantor"),
    _a("5.2.03.01.01.0006", "R:8 P:3", "modal", "Pembayaran termin rehabilitasi gedung pelayanan"),
)

# BLUD placeholder accounts (chart additions) and the unit detail lines some
# BLUDs keep below them as 7-segment codes.
PLACEHOLDERS = {
    parse_code("5.1.01.99.99.9999"): ("pegawai", (
        "Honorarium Pegawai BLUD Non-ASN", "Insentif Tenaga Kesehatan Non-ASN",
        "Iuran BPJS Pegawai BLUD")),
    parse_code("5.1.02.99.99.9999"): ("rutin", (
        "Belanja Bahan Medis Habis Pakai", "Belanja Reagen dan Bahan Laboratorium",
        "Belanja Makan Minum Pasien", "Belanja Jasa Pelayanan Non-ASN",
        "Belanja Pemeliharaan Alat Kesehatan", "Belanja Linen dan Laundry",
        "Belanja Operasional Pelayanan")),
    parse_code("5.2.02.99.99.9999"): ("modal", (
        "Pengadaan Alat Kesehatan", "Pengadaan Komputer dan Jaringan",
        "Pengadaan Peralatan Rumah Tangga Pelayanan")),
}

SILPA = parse_code("6.1.01.08.01.0001")
SISA_KAPITASI = parse_code("6.1.01.08.03.0001")
KAPITASI = parse_code("4.1.04.18.01.0001")
DANA_CADANGAN = parse_code("6.2.01.01.01.0001")
