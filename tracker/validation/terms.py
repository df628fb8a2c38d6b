"""Words that fill the finding messages: reasons, features, type names, sizes.

Kept as i18n.Text so each is rendered in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.i18n import Text
from tracker.validation.limits import PhotoSpec

# What a content type is called in a message, by MIME type.
TYPE_NAMES: dict[str, Text] = {
    "application/pdf": Text("a PDF", "PDF 檔案", "PDF 文件"),
    "image/jpeg": Text("a JPEG image", "JPEG 圖片", "JPEG 图片"),
    "image/png": Text("a PNG image", "PNG 圖片", "PNG 图片"),
    "image/heic": Text("a HEIC photo", "HEIC 相片", "HEIC 照片"),
    "image/heif": Text("a HEIF photo", "HEIF 相片", "HEIF 照片"),
    "image/gif": Text("a GIF image", "GIF 圖片", "GIF 图片"),
    "image/tiff": Text("a TIFF image", "TIFF 圖片", "TIFF 图片"),
    "image/webp": Text("a WebP image", "WebP 圖片", "WebP 图片"),
    "image/svg+xml": Text("an SVG drawing", "SVG 圖檔", "SVG 图形文件"),
    "text/html": Text("a web page (HTML)", "網頁（HTML）", "网页（HTML）"),
    "text/plain": Text("a plain text file", "純文字檔", "纯文本文件"),
    "image/bmp": Text("a BMP image", "BMP 圖片", "BMP 图片"),
    "image/avif": Text("an AVIF image", "AVIF 圖片", "AVIF 图片"),
}

ARCHIVE = Text(
    "a compressed archive (ZIP, RAR …)", "壓縮檔（ZIP、RAR 等）", "压缩文件（ZIP、RAR 等）"
)
PROGRAM = Text("a program", "程式檔", "程序文件")
OFFICE_MARKS = ("officedocument", "opendocument", "msword", "ms-excel", "ms-powerpoint")
ARCHIVE_MARKS = ("zip", "rar", "7z", "tar", "gzip", "bzip2", "x-xz")
PROGRAM_MARKS = ("executable", "sharedlib", "dosexec", "mach-binary", "msdownload", "x-msi")

OFFICE = Text("an Office document", "Office 文件", "Office 文档")
UNKNOWN = Text("of a type that cannot be recognised", "無法辨認類型的檔案", "无法识别类型的文件")

ALLOWED: dict[frozenset[str], Text] = {
    frozenset({"pdf"}): Text("a PDF", "PDF 檔案", "PDF 文件"),
    frozenset({"image"}): Text(
        "an image (JPEG, PNG, HEIC, GIF or TIFF)",
        "圖片（JPEG、PNG、HEIC、GIF 或 TIFF）",
        "图片（JPEG、PNG、HEIC、GIF 或 TIFF）",
    ),
    frozenset({"pdf", "image"}): Text(
        "a PDF or an image (JPEG, PNG, HEIC, GIF or TIFF)",
        "PDF 或圖片（JPEG、PNG、HEIC、GIF 或 TIFF）",
        "PDF 或图片（JPEG、PNG、HEIC、GIF 或 TIFF）",
    ),
}

# Why a PDF is unreadable or too complex.
TRUNCATED = Text("the file is incomplete (cut off)", "檔案不完整（被截斷）", "文件不完整（被截断）")
CORRUPT = Text("its structure is damaged", "檔案結構已損壞", "文件结构已损坏")
DECOMPRESSION = Text(
    "a part of it expands to an unreasonable size",
    "部分內容解壓後大得不合理",
    "部分内容解压后大得不合理",
)
STRUCTURE = Text(
    "it has an unreasonable number of objects or nesting",
    "物件數量或層級多得不合理",
    "对象数量或层级多得不合理",
)
TIME = Text("checking it took too long", "檢查時間過長", "检查时间过长")
PAGE_SIZE = Text(
    "a page is larger than 200 inches (5 metres) on a side",
    "有頁面的邊長超過 200 英吋（5 米）",
    "有页面的边长超过 200 英寸（5 米）",
)


def image_pixels(limit: int) -> Text:
    """Name the pixel limit an image inside a PDF went over."""
    mp = limit // 1_000_000
    return Text(
        f"an image in it has more than {mp} million pixels",
        f"其中有圖像超過 {mp} 百萬像素",
        f"其中有图像超过 {mp} 百万像素",
    )


def too_many_pages(found: int, limit: int) -> Text:
    """Name a page count over the limit."""
    return Text(
        f"it has {found} pages; at most {limit} are allowed",
        f"共有 {found} 頁，上限為 {limit} 頁",
        f"共有 {found} 页，上限为 {limit} 页",
    )


# Active content found in a PDF, by the PDF name that reveals it.
FEATURES: dict[str, Text] = {
    "/JavaScript": Text("JavaScript", "JavaScript 程式碼", "JavaScript 代码"),
    "/Launch": Text("an action that starts a program", "啟動程式的動作", "启动程序的动作"),
}

# A photograph specification and what a photo breaks of it.
SQUARE = Text("square", "正方形", "正方形")
COLOUR = Text("in colour", "彩色", "彩色")
IS_GREY = Text("it is black and white", "相片為黑白", "照片为黑白")


def photo_spec(spec: PhotoSpec) -> Text:
    """Describe a photograph specification with each of its numbers."""
    low, high = spec.min_side, spec.max_side
    size = human_bytes(spec.max_bytes)
    sides = Text(
        f"each side {low} to {high} pixels",
        f"每邊 {low} 至 {high} 像素",
        f"每边 {low} 至 {high} 像素",
    )
    if spec.square:
        sides = Text(
            f"{low} × {low} to {high} × {high} pixels",
            f"{low} × {low} 至 {high} × {high} 像素",
            f"{low} × {low} 至 {high} × {high} 像素",
        )
    parts = [
        plain(" / ".join(sorted(f.upper() for f in spec.formats))),
        *([SQUARE] if spec.square else []),
        sides,
        Text(f"{size} or less", f"{size} 或以下", f"{size} 或以下"),
        *([COLOUR] if spec.colour else []),
    ]
    return join(parts)


def photo_is(what: Text) -> Text:
    """Say what a photo is: its format, pixel size or byte size."""
    return Text(f"it is {what.en}", f"相片為 {what.zh_hant}", f"照片为 {what.zh_hans}")


def plain(word: str) -> Text:
    """A word written the same in every language: a format name, a byte size."""
    return Text(word, word, word)


def pixels(width: int, height: int) -> Text:
    """Write a pixel size: 800 × 600 pixels."""
    return Text(
        f"{width} × {height} pixels", f"{width} × {height} 像素", f"{width} × {height} 像素"
    )


def join(texts: Iterable[Text], *, clauses: bool = False) -> Text:
    """Join several texts into one list (or clauses), in each language's own way."""
    items = list(texts)
    en, zh = ("; ", "；") if clauses else (", ", "、")
    return Text(
        en.join(t.en for t in items),
        zh.join(t.zh_hant for t in items),
        zh.join(t.zh_hans for t in items),
    )


def type_name(mime: str) -> Text:
    """Name a MIME type for the applicant."""
    if mime in TYPE_NAMES:
        return TYPE_NAMES[mime]
    for marks, text in ((OFFICE_MARKS, OFFICE), (ARCHIVE_MARKS, ARCHIVE), (PROGRAM_MARKS, PROGRAM)):
        if any(mark in mime for mark in marks):
            return text
    return UNKNOWN


def human_bytes(size: int) -> str:
    """Write a byte count the way people read it: 812 B, 240 KB, 12.3 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")


def more_pages_than(limit: int) -> Text:
    """Name a page tree too large to count, against the page limit."""
    return Text(
        f"it has more than {limit} pages",
        f"頁數超過上限 {limit} 頁",
        f"页数超过上限 {limit} 页",
    )


def compared_bytes(size: int, limit: int) -> tuple[str, str]:
    """Write a size and its limit, exact in bytes as well when rounding makes them look equal."""
    found, most = human_bytes(size), human_bytes(limit)
    if found == most and size != limit:
        return f"{found} ({size:,} B)", f"{most} ({limit:,} B)"
    return found, most
