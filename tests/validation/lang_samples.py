"""Multilingual certificate-like samples, generated: text PDFs, scans and image-only PDFs.

Each sample is a few lines of marriage-certificate, birth-certificate or
bank-statement wording in one language (or two), with the verdict it must get.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FACE = {"ja": 0, "ko": 1, "zh-Hans": 2, "zh-Hant": 3}
SCRIPT_FONT = {
    "th": NOTO / "NotoSansThai-Regular.ttf",
    "ar": NOTO / "NotoSansArabic-Regular.ttf",
    "hi": NOTO / "NotoSansDevanagari-Regular.ttf",
}
LATIN = NOTO / "NotoSans-Regular.ttf"


@dataclass(frozen=True)
class Sample:
    name: str
    main: str  # expected main language (ISO 639-1)
    needs_translation: bool
    lines: tuple[str, ...]
    font: str = "latin"  # "latin", a CJK_FACE key or a SCRIPT_FONT key


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "vietnamese",
        "vi",
        True,
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "GIẤY CHỨNG NHẬN KẾT HÔN",
            "Họ và tên chồng: Nguyễn Văn Minh, sinh ngày 12 tháng 3 năm 1990",
            "Nơi cư trú: số 25 đường Lê Lợi, phường Bến Nghé, quận 1",
            "Họ và tên vợ: Trần Thị Lan, sinh ngày 3 tháng 5 năm 1992",
            "Hai bên đã đăng ký kết hôn tại Ủy ban nhân dân phường.",
            "Giấy chứng nhận này được cấp theo quy định của pháp luật về hộ tịch.",
        ),
    ),
    Sample(
        "indonesian",
        "id",
        True,
        (
            "KUTIPAN AKTA KELAHIRAN",
            "Berdasarkan Akta Kelahiran Nomor 3171-LT-12032015-0042",
            "bahwa di Jakarta pada tanggal dua belas Maret tahun dua ribu lima belas",
            "telah lahir seorang anak perempuan bernama Putri Ayu Lestari",
            "anak kedua dari suami istri Budi Santoso dan Siti Rahmawati",
            "Kutipan ini dikeluarkan sesuai dengan data yang tercatat dalam register.",
            "Dinas Kependudukan dan Pencatatan Sipil Provinsi DKI Jakarta",
            "Pejabat yang berwenang telah menandatangani kutipan ini.",
        ),
    ),
    Sample(
        "tagalog",
        "tl",
        True,
        (
            "Republika ng Pilipinas",
            "SERTIPIKO NG KASAL",
            "Ito ay nagpapatunay na sina Jose Reyes at Maria Santos ay ikinasal",
            "noong ika-14 ng Pebrero, 2018 sa simbahan ng San Agustin sa Maynila.",
            "Ang kasal ay isinagawa ng isang pari na may pahintulot ng batas.",
            "Ang mga saksi sa kasal ay sina Pedro Cruz at Ana Garcia.",
            "Ang sertipikong ito ay inilabas ng Tanggapan ng Tagapagtala ng Sibil.",
            "Nilagdaan ng mag-asawa at ng mga saksi ang talaang ito.",
        ),
    ),
    Sample(
        "japanese",
        "ja",
        True,
        (
            "出生届受理証明書",
            "本籍　東京都港区芝公園四丁目二番地",
            "氏名　山田　花子",
            "生年月日　平成二十七年三月十二日",
            "上記の者の出生届は、令和元年五月十四日に受理されたことを証明します。",
            "父　山田　太郎　　母　山田　美咲",
            "この証明書は戸籍法に基づいて発行されたものです。",
            "東京都港区長",
        ),
        "ja",
    ),
    Sample(
        "korean",
        "ko",
        True,
        (
            "혼인관계증명서",
            "등록기준지 서울특별시 종로구 세종대로 209",
            "본인 성명 김민준 출생연월일 1990년 3월 12일",
            "배우자 성명 이서연 출생연월일 1992년 5월 3일",
            "위 혼인관계증명서는 가족관계등록부의 기록사항과 틀림없음을 증명합니다.",
            "혼인신고일 2018년 2월 14일 신고관서 서울특별시 종로구청",
            "발급일 2024년 1월 15일 서울특별시 종로구청장",
        ),
        "ko",
    ),
    Sample(
        "thai",
        "th",
        True,
        (
            "สูติบัตร",
            "สำนักทะเบียนเขตบางรัก กรุงเทพมหานคร",
            "ชื่อ เด็กหญิงสมใจ ใจดี เกิดวันที่ 12 มีนาคม 2558",
            "บิดาชื่อ นายสมชาย ใจดี สัญชาติไทย",
            "มารดาชื่อ นางสมหญิง ใจดี สัญชาติไทย",
            "ขอรับรองว่าเป็นสำเนาที่ถูกต้องตามทะเบียนคนเกิด",
            "นายทะเบียนผู้รับแจ้งการเกิด",
        ),
        "th",
    ),
    Sample(
        "arabic",
        "ar",
        True,
        (
            "عقد زواج",
            "المملكة الأردنية الهاشمية",
            "إنه في يوم الرابع عشر من شهر فبراير لسنة ألفين وثمانية عشر",
            "تم عقد الزواج بين السيد أحمد محمد علي والسيدة فاطمة حسن",
            "وذلك بحضور الشاهدين وبموافقة ولي الزوجة",
            "وقد حرر هذا العقد من ثلاث نسخ أصلية لكل طرف نسخة",
            "صادر عن المحكمة الشرعية في عمان",
        ),
        "ar",
    ),
    Sample(
        "russian",
        "ru",
        True,
        (
            "СВИДЕТЕЛЬСТВО О ЗАКЛЮЧЕНИИ БРАКА",
            "Гражданин Иванов Сергей Петрович",
            "родился 12 марта 1990 года в городе Москве",
            "и гражданка Смирнова Анна Викторовна",
            "заключили брак, о чём 14 февраля 2018 года составлена запись акта",
            "после заключения брака присвоены фамилии: мужу Иванов, жене Иванова",
            "Место государственной регистрации: отдел ЗАГС города Москвы",
        ),
    ),
    Sample(
        "ukrainian",
        "uk",
        True,
        (
            "СВІДОЦТВО ПРО НАРОДЖЕННЯ",
            "Громадянин Шевченко Олександр Іванович",
            "народився дванадцятого березня дві тисячі п'ятнадцятого року",
            "місце народження: місто Київ, Україна",
            "про що в Книзі реєстрації народжень зроблено відповідний актовий запис",
            "Батьки: Шевченко Іван Петрович, Шевченко Олена Василівна",
            "Місце державної реєстрації: відділ державної реєстрації актів",
        ),
    ),
    Sample(
        "greek",
        "el",
        True,
        (
            "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΓΕΝΝΗΣΗΣ",
            "Βεβαιώνεται ότι στο βιβλίο γεννήσεων του δήμου Αθηναίων",
            "είναι καταχωρημένη η γέννηση της Μαρίας Παπαδοπούλου",
            "που γεννήθηκε στις δώδεκα Μαρτίου του έτους δύο χιλιάδες δεκαπέντε",
            "Το πιστοποιητικό χορηγείται για κάθε νόμιμη χρήση.",
        ),
    ),
    Sample(
        "hindi",
        "hi",
        True,
        (
            "जन्म प्रमाण पत्र",
            "यह प्रमाणित किया जाता है कि निम्नलिखित जानकारी जन्म के मूल अभिलेख से ली गई है",
            "नाम: आरव शर्मा",
            "जन्म तिथि: 12 मार्च 2015",
            "जन्म स्थान: नई दिल्ली",
            "पिता का नाम: राजेश शर्मा, माता का नाम: सुनीता शर्मा",
            "यह प्रमाण पत्र जन्म और मृत्यु रजिस्ट्रीकरण अधिनियम के अधीन जारी किया गया है",
        ),
        "hi",
    ),
    Sample(
        "chinese_traditional",
        "zh",
        False,
        (
            "出生證明書",
            "茲證明下列出生登記已載於出生登記冊內",
            "姓名：陳大文",
            "出生日期：二零一五年三月十二日",
            "出生地點：香港九龍伊利沙伯醫院",
            "父親姓名：陳志明　母親姓名：李美玲",
            "本證明書根據生死登記條例發出，僅供辦理簽證之用。",
            "生死登記處登記官",
        ),
        "zh-Hant",
    ),
    Sample(
        "chinese_simplified",
        "zh",
        False,
        (
            "结婚证",
            "中华人民共和国民政部监制",
            "申请结婚，经审查符合民法典关于结婚的规定，予以登记，发给此证。",
            "持证人：王小明",
            "登记日期：2018年2月14日",
            "结婚证字号：J110105-2018-000123",
            "登记机关：北京市朝阳区民政局",
            "姓名：李华　性别：女　国籍：中国",
        ),
        "zh-Hans",
    ),
    Sample(
        "bilingual_zh_en",
        "zh",
        False,
        (
            "香港上海滙豐銀行有限公司",
            "The Hongkong and Shanghai Banking Corporation Limited",
            "綜合戶口結單 Integrated Account Statement",
            "結單日期 Statement Date: 2024年1月31日",
            "戶口持有人 Account Holder: 陳大文 CHAN TAI MAN",
            "承上結餘 Balance brought forward HKD 125,430.50",
            "存入薪金 Salary deposit HKD 45,000.00",
            "如對本結單有任何查詢，請於九十日內聯絡本行。",
            "Please notify the bank of any discrepancy within 90 days.",
            "本結單由電腦列印，毋須簽署。",
            "This statement is computer generated and requires no signature.",
        ),
        "zh-Hant",
    ),
    Sample(
        "english_foreign_names",
        "en",
        False,
        (
            "CERTIFICATE OF MARRIAGE",
            "This is to certify that the marriage between",
            "Husband: NGUYEN VAN MINH, born 12 March 1990 in Hai Phong, Vietnam",
            "Wife: SITI NURHALIZA BINTI AHMAD, born 3 May 1992 in Kuala Lumpur",
            "was solemnized on 14 February 2018 at the Marriage Registry.",
            "Address: 25 Jalan Merdeka Raya, Kelurahan Gambir, Jakarta Pusat",
            "Witness: Maria Dela Cruz Santos, Barangay San Isidro, Quezon City",
            "Witness: Jose Luis Hernandez Garcia, Calle de Alcala 45, Madrid",
            "Issued by the Registrar of Marriages, Hong Kong.",
        ),
    ),
    Sample(
        "english_caps_form",
        "en",
        False,
        (
            "APPLICATION FOR ENTRY FOR RESIDENCE AS A DEPENDANT",
            "PART A: PARTICULARS OF THE APPLICANT",
            "NAME IN ENGLISH: NGUYEN THI HOA",
            "PLACE OF BIRTH: THANH PHO HO CHI MINH, VIET NAM",
            "ADDRESS: JALAN SUDIRMAN KAV 52-53, SENAYAN, KEBAYORAN BARU",
            "NAME OF SPONSOR: DELA CRUZ, JUAN MIGUEL SANTOS",
            "THE APPLICANT INTENDS TO STAY WITH THE SPONSOR IN HONG KONG",
            "I DECLARE THAT THE INFORMATION GIVEN IN THIS FORM IS TRUE AND CORRECT",
        ),
    ),
    Sample(
        "english_bank_statement",
        "en",
        False,
        (
            "MONTHLY ACCOUNT STATEMENT",
            "Statement period: 1 January 2024 to 31 January 2024",
            "Account holder: Mr Wong Siu Ming",
            "Opening balance brought forward HKD 88,120.00",
            "Salary credit from employer HKD 52,000.00",
            "Transfer to savings account HKD 10,000.00",
            "Closing balance carried forward HKD 130,120.00",
            "Please examine this statement and report any error within 90 days.",
        ),
    ),
    Sample(
        "bilingual_indonesian_english",
        "id",
        True,
        (
            "KUTIPAN AKTA PERKAWINAN",
            "EXTRACT OF MARRIAGE CERTIFICATE",
            "Pada hari ini telah dilangsungkan perkawinan antara",
            "On this day a marriage was solemnized between",
            "Budi Santoso dan Siti Rahmawati di Kantor Catatan Sipil Surabaya",
            "Budi Santoso and Siti Rahmawati at the Civil Registry Office of Surabaya",
            "Perkawinan ini dicatat sesuai dengan peraturan yang berlaku.",
            "This marriage is registered in accordance with the applicable laws.",
        ),
    ),
    Sample(
        "spanish",
        "es",
        True,
        (
            "ACTA DE NACIMIENTO",
            "En la ciudad de Guadalajara, Jalisco, a los doce días del mes de marzo",
            "se presentó ante el Oficial del Registro Civil el señor Juan Pérez López",
            "y declaró que el día diez de marzo nació una niña llamada María",
            "hija de Juan Pérez López y de Ana García Torres, ambos mexicanos",
            "Se expide la presente copia certificada para los fines legales.",
        ),
    ),
    Sample(
        "french",
        "fr",
        True,
        (
            "RELEVÉ DE COMPTE",
            "Banque Populaire, agence de Lyon Part-Dieu",
            "Titulaire du compte : Monsieur Jean Dupont",
            "Solde créditeur au 31 janvier 2024 : 12 450,75 euros",
            "Virement reçu de l'employeur au titre du salaire du mois de janvier",
            "Prélèvement automatique pour le loyer de l'appartement",
            "Nous vous remercions de votre confiance et restons à votre disposition.",
        ),
    ),
    Sample(
        "german",
        "de",
        True,
        (
            "Eheurkunde",
            "Standesamt Berlin-Mitte, Registernummer E 1234/2018",
            "Die Ehe wurde am 14. Februar 2018 vor dem Standesbeamten geschlossen",
            "zwischen Herrn Thomas Müller, geboren am 12. März 1990 in München,",
            "und Frau Anna Schmidt, geboren am 3. Mai 1992 in Hamburg.",
            "Die Ehegatten führen den gemeinsamen Familiennamen Müller.",
            "Die Übereinstimmung mit dem Eintrag im Eheregister wird beglaubigt.",
        ),
    ),
    Sample(
        "portuguese",
        "pt",
        True,
        (
            "CERTIDÃO DE NASCIMENTO",
            "República Federativa do Brasil, Registro Civil das Pessoas Naturais",
            "Certifico que no livro de registro de nascimentos consta o assento de",
            "Lucas Oliveira Silva, nascido em doze de março de dois mil e quinze,",
            "filho de Carlos Alberto Silva e de Juliana Oliveira Silva.",
            "O referido é verdade e dou fé. Emitida a pedido da parte interessada.",
        ),
    ),
    Sample(
        "turkish",
        "tr",
        True,
        (
            "EVLENME CÜZDANI",
            "Türkiye Cumhuriyeti Nüfus ve Vatandaşlık İşleri Genel Müdürlüğü",
            "Kocanın adı ve soyadı: Mehmet Yılmaz, doğum tarihi 12 Mart 1990",
            "Karının adı ve soyadı: Ayşe Demir, doğum tarihi 3 Mayıs 1992",
            "Evlenme akdi 14 Şubat 2018 tarihinde evlendirme dairesinde yapılmıştır.",
            "Bu belge aile kütüğüne kayıtlı bilgilere göre düzenlenmiştir.",
        ),
    ),
)

# Short documents: too little text for a statistical model alone to be sure.
SHORT_SAMPLES: tuple[Sample, ...] = (
    Sample("arabic_one_line", "ar", True, ("شهادة ميلاد",), "ar"),
    Sample(
        "russian_two_lines",
        "ru",
        True,
        ("СВИДЕТЕЛЬСТВО О РОЖДЕНИИ", "Выдано отделом записи актов гражданского состояния"),
    ),
)

BY_NAME = {s.name: s for s in SAMPLES + SHORT_SAMPLES}


# ---- text PDFs (fpdf2, shaped with uharfbuzz) ----


def text_pdf(sample: Sample, path: Path, *, pages: int = 1) -> Path:
    """Write `sample` as a text PDF of `pages` identical pages."""
    pdf = FPDF()
    family = _pdf_font(pdf, sample.font)
    pdf.set_text_shaping(True)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font(family, size=13)
        for line in sample.lines:
            pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _pdf_font(pdf: FPDF, font: str) -> str:
    pdf.add_font("latin", fname=str(LATIN))
    if font in CJK_FACE:
        pdf.add_font("main", fname=str(CJK), collection_font_number=CJK_FACE[font])
    elif font in SCRIPT_FONT:
        pdf.add_font("main", fname=str(SCRIPT_FONT[font]))
    else:
        return "latin"
    pdf.set_fallback_fonts(["latin"])
    return "main"


def blank_pdf(path: Path, *, pages: int = 1) -> Path:
    """Write a PDF whose pages carry no text at all."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
    pdf.output(str(path))
    return path


# ---- scans (Pillow with raqm shaping) ----


@cache
def _font(path: Path, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, index=index)


@cache
def _cmap(path: Path) -> frozenset[int]:
    return frozenset(TTFont(str(path))["cmap"].getBestCmap())


def _fonts_for(sample: Sample, size: int) -> tuple[ImageFont.FreeTypeFont, frozenset[int] | None]:
    if sample.font in CJK_FACE:
        return _font(CJK, CJK_FACE[sample.font], size), None
    if sample.font in SCRIPT_FONT:
        path = SCRIPT_FONT[sample.font]
        return _font(path, 0, size), _cmap(path)
    return _font(LATIN, 0, size), None


def _runs(line: str, cmap: frozenset[int] | None) -> list[tuple[bool, str]]:
    """Split a line into runs the main font covers (True) or the Latin fallback draws."""
    runs: list[tuple[bool, str]] = []
    for ch in line:
        covered = cmap is None or ord(ch) in cmap or ch == " "
        if runs and runs[-1][0] == covered:
            runs[-1] = (covered, runs[-1][1] + ch)
        else:
            runs.append((covered, ch))
    return runs


def scan(sample: Sample, *, size: int = 34, width: int = 1500, angle: int = 0) -> Image.Image:
    """Render `sample` as a clean greyscale page photo."""
    main, cmap = _fonts_for(sample, size)
    fallback = _font(LATIN, 0, size)
    height = 120 + int(size * 1.8) * len(sample.lines)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    y = 60
    for line in sample.lines:
        x = 60.0
        for covered, text in _runs(line, cmap if sample.font != "ar" else None):
            font = main if covered else fallback
            draw.text((x, y), text, font=font, fill=0)
            x += draw.textlength(text, font=font)
        y += int(size * 1.8)
    return img.rotate(angle, expand=True, fillcolor=255) if angle else img


def scan_file(sample: Sample, path: Path, **kwargs: int) -> Path:
    """Save a scan of `sample` in the format named by the path's suffix."""
    img = scan(sample, **kwargs)
    if path.suffix.lower() == ".heic":
        import pillow_heif

        pillow_heif.register_heif_opener()
        img.convert("RGB").save(path, format="HEIF", quality=90)
    elif path.suffix.lower() in {".jpg", ".jpeg"}:
        img.save(path, format="JPEG", quality=90)
    else:
        img.save(path)
    return path


def image_pdf(sample: Sample, path: Path, *, pages: int = 1) -> Path:
    """Write an image-only PDF: each page a scan of `sample`, no text layer."""
    buf = io.BytesIO()
    scan(sample).save(buf, format="PNG")
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(buf, x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def stamp_scan(path: Path) -> Path:
    """Save a page photo that is blank but for a tilted ink stamp: a box, capitals and a date."""
    stamp = Image.new("L", (560, 220), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((6, 6, 553, 213), outline=60, width=8)
    font = _font(LATIN, 0, 46)
    draw.text((280, 80), "CERTIFIED TRUE COPY", font=font, fill=60, anchor="mm")
    draw.text((280, 150), "12 MAR 2024", font=font, fill=60, anchor="mm")
    page = Image.new("L", (1240, 1754), 250)
    page.paste(stamp.rotate(12, expand=True, fillcolor=255), (560, 1300))
    page.save(path)
    return path


def blank_scan(path: Path) -> Path:
    """Save an empty white page photo."""
    Image.new("L", (1200, 1600), 250).save(path)
    return path


def photo(sample: Sample, *, tilt: float = 2.5) -> Image.Image:
    """A phone photo of `sample`: tilted, unevenly lit, noisy and slightly blurred."""
    img = scan(sample).rotate(tilt, expand=True, fillcolor=235, resample=Image.Resampling.BICUBIC)
    light = Image.linear_gradient("L").rotate(90).resize(img.size).point(lambda v: 200 + v // 5)
    img = ImageChops.multiply(img, light)
    noisy = Image.blend(img, noise(img.size, 30, seed=sample.name), 0.12)
    return noisy.filter(ImageFilter.GaussianBlur(1.2)).convert("RGB")


def noise(size: tuple[int, int], sigma: float, *, seed: str) -> Image.Image:
    """Grey Gaussian noise around mid-grey, the same for the same seed: Pillow's
    effect_noise draws from C's rand(), so a photo changed with the photos made before it
    in the process, and a test's verdict with the order tests ran in."""
    rng = np.random.default_rng(zlib.crc32(seed.encode()))
    grey = rng.normal(128, sigma, (size[1], size[0])).clip(0, 255).astype(np.uint8)
    return Image.fromarray(grey, "L")


def phone_page(sample: Sample, path: Path, *, size: tuple[int, int] = (3024, 4032)) -> Path:
    """Save a 12 MP phone camera's JPEG of `sample`: a photo of a whole A4-shaped page."""
    page = Image.new("RGB", (1500, 2120), "white")
    page.paste(photo(sample), (0, 150))
    page.resize(size, Image.Resampling.BICUBIC).save(path, quality=85)
    return path


def face_photo(path: Path) -> Path:
    """Save a passport-style photo of a (drawn) face: skin, hair, eyes, no text."""
    img = Image.new("RGB", (900, 1200), (170, 190, 210))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 900, 900, 1200), fill=(40, 50, 90))
    draw.ellipse((250, 250, 650, 800), fill=(224, 180, 150))
    draw.ellipse((230, 180, 670, 500), fill=(50, 30, 20))
    for x in (330, 500):
        draw.ellipse((x, 450, x + 70, 490), fill=(255, 255, 255))
        draw.ellipse((x + 20, 455, x + 50, 485), fill=(60, 40, 30))
    draw.arc((380, 600, 520, 700), 20, 160, fill=(150, 60, 60), width=8)
    noisy = Image.blend(img, noise(img.size, 40, seed="face").convert("RGB"), 0.1)
    noisy.filter(ImageFilter.GaussianBlur(1)).save(path, format="JPEG", quality=90)
    return path


def mixed_pdf(cover: Sample, scanned: Sample, path: Path) -> Path:
    """Write a PDF whose first page is `cover` as text and whose second is a scan of `scanned`."""
    pdf = FPDF()
    family = _pdf_font(pdf, cover.font)
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font(family, size=13)
    for line in cover.lines:
        pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    buf = io.BytesIO()
    scan(scanned).save(buf, format="PNG")
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def stamped_scan_pdf(sample: Sample, stamp: str, path: Path) -> Path:
    """Write a full-page scan of `sample` with a one-line text header (an e-signature stamp)."""
    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    page.paste(scan(sample, width=1240), (0, 100))
    buf = io.BytesIO()
    page.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_font("latin", fname=str(LATIN))
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210, h=297)
    pdf.set_font("latin", size=8)
    pdf.cell(0, 5, stamp)
    pdf.output(str(path))
    return path


def garbled_text_pdf(sample: Sample, path: Path) -> Path:
    """Write a scan of `sample` under an invisible text layer decoded with the wrong code page."""
    garbled = [line.encode("gbk", errors="replace").decode("latin-1") for line in sample.lines]
    buf = io.BytesIO()
    scan(sample).save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_font("latin", fname=str(LATIN))
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210)
    pdf.set_font("latin", size=10)
    pdf.text_mode = TextMode.INVISIBLE
    pdf.set_y(100)
    for line in garbled * 4:  # long enough to pass for a real text layer
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
