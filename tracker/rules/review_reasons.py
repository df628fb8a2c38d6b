"""Why a consultant rejects a document, and what the applicant should do, in three languages.

Pure data: a new reason is a new entry. Codes are stored on Document.review_reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tracker.i18n import Text


@dataclass(frozen=True)
class ReviewReason:
    code: str
    label: Text  # short, for the consultant's menu and the applicant's heading
    advice: Text  # what the applicant should do now
    needs_comment: bool = False


REASONS: Mapping[str, ReviewReason] = {
    r.code: r
    for r in (
        ReviewReason(
            "unreadable",
            Text("Unreadable", "無法閱讀", "无法阅读"),
            Text(
                "Scan or photograph the document again in good light, flat and in focus, "
                "with every edge visible, and upload the new file.",
                "請在光線充足的地方把文件平放，重新掃描或拍攝，確保清晰對焦、四邊完整，然後上載新檔案。",
                "请在光线充足的地方把文件平放，重新扫描或拍摄，确保清晰对焦、四边完整，然后上传新文件。",
            ),
        ),
        ReviewReason(
            "wrong_document",
            Text("Not the document asked for", "並非所需文件", "并非所需文件"),
            Text(
                "This is not the document this item asks for. Read the item's description "
                "and upload the right document.",
                "這並非此項目要求的文件。請細閱項目說明，然後上載正確的文件。",
                "这并非此项目要求的文件。请细阅项目说明，然后上传正确的文件。",
            ),
        ),
        ReviewReason(
            "incomplete_pages",
            Text("Pages missing", "缺少頁面", "缺少页面"),
            Text(
                "Some pages are missing. Upload every page, front and back, in one file "
                "(a PDF with all pages is best).",
                "文件缺少部分頁面。請上載所有頁面（包括正反兩面），"
                "並合併為一個檔案（以 PDF 最佳）。",
                "文件缺少部分页面。请上传所有页面（包括正反两面），"
                "并合并为一个文件（以 PDF 最佳）。",
            ),
        ),
        ReviewReason(
            "expired",
            Text("Expired", "已過期", "已过期"),
            Text(
                "The document has expired or expires too soon. Renew it, then upload "
                "the valid one.",
                "文件已過期或即將到期。請先續期，再上載有效的文件。",
                "文件已过期或即将到期。请先续期，再上传有效的文件。",
            ),
        ),
        ReviewReason(
            "wrong_person",
            Text("Belongs to someone else", "屬於其他人", "属于其他人"),
            Text(
                "The document is for another person. Upload the document of the person "
                "named on this item.",
                "此文件屬於其他人。請上載此項目所列人士本人的文件。",
                "此文件属于其他人。请上传此项目所列人士本人的文件。",
            ),
        ),
        ReviewReason(
            "needs_certified_translation",
            Text("Certified translation needed", "需要核證譯本", "需要核证译本"),
            Text(
                "Attach a Chinese or English translation certified as true by a sworn, "
                "court, authorised, registered, expert or official translator.",
                "請附上經宣誓、法庭、認可、註冊、專家或官方翻譯員核證為真實譯本的中文或英文譯本。",
                "请附上经宣誓、法庭、认可、注册、专家或官方翻译员核证为真实译本的中文或英文译本。",
            ),
        ),
        ReviewReason(
            "other",
            Text("Other", "其他", "其他"),
            Text(
                "Read your consultant's comment below and upload a corrected document.",
                "請細閱下方顧問的備註，然後上載更正後的文件。",
                "请细阅下方顾问的备注，然后上传更正后的文件。",
            ),
            needs_comment=True,
        ),
    )
}


def reason(code: str | None) -> ReviewReason | None:
    """The reason for a stored code (None for an unknown or empty one)."""
    return REASONS.get(code or "")
