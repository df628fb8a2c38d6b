"""Messages for every finding code, in English, Traditional and Simplified Chinese.

Each message says what is wrong and how the applicant can fix it; placeholders
match the params the checkers pass to Finding.make.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "empty_file": {
        "en": "The file is empty (0 bytes). Upload it again, or save it again and re-upload.",
        "zh-Hant": "檔案是空的（0 位元組）。請重新上載，或重新儲存檔案後再上載。",
        "zh-Hans": "文件是空的（0 字节）。请重新上传，或重新保存文件后再上传。",
    },
    "too_large": {
        "en": "The file is {size}; the limit for this item is {limit}. "
        "Compress it, split it into several files, or rescan at a lower resolution "
        "(200–300 dpi is enough).",
        "zh-Hant": "檔案大小為 {size}，此項目的上限為 {limit}。"
        "請壓縮檔案、分拆為多個檔案，或以較低解像度重新掃描（200–300 dpi 已足夠）。",
        "zh-Hans": "文件大小为 {size}，此项目的上限为 {limit}。"
        "请压缩文件、拆分为多个文件，或以较低分辨率重新扫描（200–300 dpi 已足够）。",
    },
    "type_not_allowed": {
        "en": "This file is {found}, which is not accepted for this item. "
        "Upload {allowed} instead: export or print the document to PDF, "
        "or take a photo or scan as JPEG or PNG.",
        "zh-Hant": "此檔案是{found}，此項目不接受這種檔案。"
        "請改為上載{allowed}：把文件匯出或列印成 PDF，或拍照／掃描成 JPEG 或 PNG。",
        "zh-Hans": "此文件是{found}，此项目不接受这种文件。"
        "请改为上传{allowed}：把文件导出或打印成 PDF，或拍照／扫描成 JPEG 或 PNG。",
    },
    "extension_mismatch": {
        "en": "The file name ends in “.{extension}” but the file is really {found}. "
        "It was judged by its content; rename it to match so it opens correctly.",
        "zh-Hant": "檔案名稱以「.{extension}」結尾，但檔案實際上是{found}。"
        "系統已按內容檢查；請更改檔案名稱使其相符，以便正確開啟。",
        "zh-Hans": "文件名以“.{extension}”结尾，但文件实际上是{found}。"
        "系统已按内容检查；请更改文件名使其相符，以便正确打开。",
    },
    "pdf_unreadable": {
        "en": "This PDF cannot be read: {reason}. Download or export it again from the "
        "original and re-upload; if that fails, print it to a new PDF or rescan it.",
        "zh-Hant": "無法讀取此 PDF：{reason}。請從原本來源重新下載或匯出後再上載；"
        "如仍失敗，請列印成新的 PDF 或重新掃描。",
        "zh-Hans": "无法读取此 PDF：{reason}。请从原来源重新下载或导出后再上传；"
        "如仍失败，请打印成新的 PDF 或重新扫描。",
    },
    "pdf_encrypted": {
        "en": "This PDF is protected by a password, so the Immigration Department cannot "
        "open it. Remove the password (open it and save or print a copy without "
        "protection) and upload that copy.",
        "zh-Hant": "此 PDF 設有密碼保護，入境處無法開啟。請移除密碼"
        "（開啟檔案後另存或列印一份沒有保護的副本），然後上載該副本。",
        "zh-Hans": "此 PDF 设有密码保护，入境处无法打开。请移除密码"
        "（打开文件后另存或打印一份没有保护的副本），然后上传该副本。",
    },
    "pdf_no_pages": {
        "en": "This PDF has no pages. Export or scan the document again and upload the new file.",
        "zh-Hant": "此 PDF 沒有任何頁面。請重新匯出或掃描文件，然後上載新檔案。",
        "zh-Hans": "此 PDF 没有任何页面。请重新导出或扫描文件，然后上传新文件。",
    },
    "pdf_active_content": {
        "en": "This PDF contains {features}, which could run on the computer that opens it, "
        "so it cannot be accepted. Make a clean copy: open the PDF, choose Print, "
        'pick "Save as PDF" (or "Microsoft Print to PDF") as the printer, '
        "and upload that copy.",
        "zh-Hant": "此 PDF 含有{features}，可能在開啟它的電腦上執行，因此不能接受。"
        "請製作乾淨的副本：開啟 PDF，選擇「列印」，印表機選「另存為 PDF」"
        "（或「Microsoft Print to PDF」），然後上載該副本。",
        "zh-Hans": "此 PDF 含有{features}，可能在打开它的电脑上运行，因此不能接受。"
        "请制作干净的副本：打开 PDF，选择“打印”，打印机选“另存为 PDF”"
        "（或“Microsoft Print to PDF”），然后上传该副本。",
    },
    "pdf_attachments": {
        "en": "This PDF carries embedded files. The Department may refuse such files; "
        "print it to a new PDF (which drops them) and upload that copy.",
        "zh-Hant": "此 PDF 含有內嵌檔案。入境處可能拒收這類檔案；"
        "請列印成新的 PDF（會移除這些內容），然後上載該副本。",
        "zh-Hans": "此 PDF 含有嵌入文件。入境处可能拒收这类文件；"
        "请打印成新的 PDF（会移除这些内容），然后上传该副本。",
    },
    "pdf_too_complex": {
        "en": "This PDF could not be checked safely: {reason}. It may be damaged. "
        "Print it to a new PDF or rescan it, and upload the new file.",
        "zh-Hant": "無法安全地檢查此 PDF：{reason}。檔案可能已損壞。"
        "請列印成新的 PDF 或重新掃描，然後上載新檔案。",
        "zh-Hans": "无法安全地检查此 PDF：{reason}。文件可能已损坏。"
        "请打印成新的 PDF 或重新扫描，然后上传新文件。",
    },
    "image_unreadable": {
        "en": "This image cannot be opened: it is damaged or incomplete. Take the photo "
        "or scan again, or export it again as JPEG or PNG, and upload the new file.",
        "zh-Hant": "無法開啟此圖片：檔案已損壞或不完整。請重新拍照或掃描，"
        "或重新匯出為 JPEG 或 PNG，然後上載新檔案。",
        "zh-Hans": "无法打开此图片：文件已损坏或不完整。请重新拍照或扫描，"
        "或重新导出为 JPEG 或 PNG，然后上传新文件。",
    },
    "image_too_small": {
        "en": "The image is {width} × {height} pixels; this item needs at least "
        "{min_width} × {min_height}. Take the photo again or scan at a higher "
        "resolution (300 dpi) — do not enlarge the small image.",
        "zh-Hant": "圖片為 {width} × {height} 像素；此項目最少需要 {min_width} × {min_height}。"
        "請重新拍照或以較高解像度（300 dpi）掃描，不要把小圖片放大。",
        "zh-Hans": "图片为 {width} × {height} 像素；此项目至少需要 {min_width} × {min_height}。"
        "请重新拍照或以较高分辨率（300 dpi）扫描，不要把小图片放大。",
    },
    "image_too_many_pixels": {
        "en": "The image has {megapixels} megapixels, more than the {limit} megapixels that "
        "can be processed safely. Resize it, or rescan at 300 dpi, and upload the smaller file.",
        "zh-Hant": "圖片有 {megapixels} 百萬像素，超過可安全處理的 {limit} 百萬像素。"
        "請縮小圖片或以 300 dpi 重新掃描，然後上載較小的檔案。",
        "zh-Hans": "图片有 {megapixels} 百万像素，超过可安全处理的 {limit} 百万像素。"
        "请缩小图片或以 300 dpi 重新扫描，然后上传较小的文件。",
    },
    "photo_spec": {
        "en": "The photo does not meet the specification: {problems}. It must be: {spec}. "
        "Retake or adjust the photo (the photo tool can crop, resize and compress it for you).",
        "zh-Hant": "相片不符合規格：{problems}。規格為：{spec}。"
        "請重新拍攝或調整相片（相片工具可代為裁剪、調整尺寸及壓縮）。",
        "zh-Hans": "照片不符合规格：{problems}。规格为：{spec}。"
        "请重新拍摄或调整照片（照片工具可代为裁剪、调整尺寸及压缩）。",
    },
    "needs_translation": {
        "en": "This document appears to be in {language}, which is neither Chinese nor "
        "English. Attach a Chinese or English translation certified as true by a sworn, "
        "court, authorised, registered, expert or official translator.",
        "zh-Hant": "此文件的語言似乎是{language}，既非中文亦非英文。請附上"
        "經由宣誓翻譯員、法庭翻譯員、認可翻譯員、註冊翻譯員、專家翻譯員或官方翻譯員核證為真實譯本的中文或英文譯本。",
        "zh-Hans": "此文件的语言似乎是{language}，既非中文也非英文。请附上"
        "经由宣誓翻译员、法庭翻译员、认可翻译员、注册翻译员、专家翻译员或官方翻译员核证为真实译本的中文或英文译本。",
    },
    "language_undetermined": {
        "en": "No readable text was found, so the language could not be checked. "
        "A consultant will look at it; if it is a scan, make sure it is sharp and "
        "the right way up.",
        "zh-Hant": "找不到可讀取的文字，因此無法檢查語言。顧問會人手查看；"
        "如屬掃描本，請確保影像清晰及方向正確。",
        "zh-Hans": "找不到可读取的文字，因此无法检查语言。顾问会人工查看；"
        "如属扫描件，请确保图像清晰及方向正确。",
    },
    "duplicate_file": {
        "en": "The same file has already been uploaded in this case. Check that you "
        "chose the right document; if it is intended, you can ignore this.",
        "zh-Hant": "本個案已上載過相同的檔案。請確認所選文件正確；如屬有意，可忽略此提示。",
        "zh-Hans": "本案件已上传过相同的文件。请确认所选文件正确；如属有意，可忽略此提示。",
    },
    "language_unchecked": {
        "en": "The language of this document could not be checked in the time and memory "
        "allowed. A consultant will look at it.",
        "zh-Hant": "未能在所限的時間及記憶體內檢查此文件的語言。顧問會人手查看。",
        "zh-Hans": "未能在限定的时间和内存内检查此文件的语言。顾问会人工查看。",
    },
    "mrz_unreadable": {
        "en": "No machine-readable zone (the two or three lines of letters, digits and < "
        "at the foot of the photo page) could be read. Upload the photo page itself, "
        "flat, sharp and well lit, with both lines fully in view. A consultant will look "
        "at it.",
        "zh-Hant": "未能讀取機讀區（相片頁底部由字母、數字及 < 組成的兩至三行）。"
        "請上載相片頁本身，平放、清晰、光線充足，並完整顯示機讀區各行。顧問會人手查看。",
        "zh-Hans": "未能读取机读区（照片页底部由字母、数字及 < 组成的两至三行）。"
        "请上传照片页本身，平放、清晰、光线充足，并完整显示机读区各行。顾问会人工查看。",
    },
    "mrz_checksum": {
        "en": "The machine-readable zone was read, but its check digits do not match "
        "({fields}). Either the picture is not sharp enough to read it exactly, or the "
        "page has been altered. Upload a sharper scan of the photo page.",
        "zh-Hant": "已讀取機讀區，但其校驗數字不符（{fields}）。可能是影像不夠清晰，"
        "亦可能是頁面曾被改動。請上載更清晰的相片頁掃描本。",
        "zh-Hans": "已读取机读区，但其校验数字不符（{fields}）。可能是图像不够清晰，"
        "也可能是页面曾被改动。请上传更清晰的照片页扫描件。",
    },
    "mrz_name_mismatch": {
        "en": "The name in the travel document ({mrz_name}) does not match the name on the "
        "case ({case_name}). Check that this is {case_name}'s own document, or ask the "
        "consultant to correct the name on the case.",
        "zh-Hant": "旅行證件上的姓名（{mrz_name}）與個案所載姓名（{case_name}）不符。"
        "請確認這是 {case_name} 本人的證件，或請顧問更正個案上的姓名。",
        "zh-Hans": "旅行证件上的姓名（{mrz_name}）与案件所载姓名（{case_name}）不符。"
        "请确认这是 {case_name} 本人的证件，或请顾问更正案件上的姓名。",
    },
    "mrz_nationality_mismatch": {
        "en": "The travel document's nationality ({mrz_nationality}) differs from the "
        "nationality on the case ({case_nationality}). Check which one is right.",
        "zh-Hant": "旅行證件上的國籍（{mrz_nationality}）與個案所載國籍（{case_nationality}）"
        "不同。請核實哪一項正確。",
        "zh-Hans": "旅行证件上的国籍（{mrz_nationality}）与案件所载国籍（{case_nationality}）"
        "不同。请核实哪一项正确。",
    },
    "mrz_age_mismatch": {
        "en": "The date of birth in the travel document ({birth_date}, age {mrz_age}) does "
        "not fit the age on the case ({case_age}). Check the document and the age.",
        "zh-Hant": "旅行證件上的出生日期（{birth_date}，即 {mrz_age} 歲）與個案所載年齡"
        "（{case_age} 歲）不符。請核實證件及年齡。",
        "zh-Hans": "旅行证件上的出生日期（{birth_date}，即 {mrz_age} 岁）与案件所载年龄"
        "（{case_age} 岁）不符。请核实证件及年龄。",
    },
    "mrz_expired": {
        "en": "This travel document expired on {expiry_date}. Renew it and upload the new one.",
        "zh-Hant": "此旅行證件已於 {expiry_date} 屆滿。請續領後上載新證件。",
        "zh-Hans": "此旅行证件已于 {expiry_date} 届满。请续领后上传新证件。",
    },
    "mrz_expires_too_soon": {
        "en": "This travel document expires on {expiry_date}, before {needed} ({needed_date}): "
        "it must be valid until then. Renew it and upload the new one.",
        "zh-Hant": "此旅行證件於 {expiry_date} 屆滿，早於{needed}（{needed_date}）："
        "證件須有效至該日。請續領後上載新證件。",
        "zh-Hans": "此旅行证件于 {expiry_date} 届满，早于{needed}（{needed_date}）："
        "证件须有效至该日。请续领后上传新证件。",
    },
    "mrz_expiry_differs": {
        "en": "The travel document's expiry date ({mrz_date}) differs from the date entered "
        "on the case ({case_date}). Correct whichever is wrong.",
        "zh-Hant": "旅行證件的屆滿日期（{mrz_date}）與個案所填日期（{case_date}）不同。"
        "請更正錯誤的一項。",
        "zh-Hans": "旅行证件的届满日期（{mrz_date}）与案件所填日期（{case_date}）不同。"
        "请更正错误的一项。",
    },
    "image_blurry": {
        "en": "This picture looks blurred, so the writing may not be readable. Take it "
        "again: hold the phone steady, tap the screen on the document to focus, and keep "
        "the whole page in view.",
        "zh-Hant": "此影像看來模糊，文字可能無法看清。請重新拍攝：拿穩手機，"
        "在螢幕上輕按文件對焦，並讓整頁完整入鏡。",
        "zh-Hans": "此图像看起来模糊，文字可能无法看清。请重新拍摄：拿稳手机，"
        "在屏幕上轻点文件对焦，并让整页完整入镜。",
    },
    "image_too_dark": {
        "en": "This picture is {problem}, so the writing may not be readable. Take it "
        "again in even daylight or under a lamp, without the flash, tilting the phone a "
        "little if there is a reflection.",
        "zh-Hant": "此影像{problem}，文字可能無法看清。請在均勻的日光或燈光下重新拍攝，"
        "不要用閃光燈；如有反光，可把手機稍為傾斜。",
        "zh-Hans": "此图像{problem}，文字可能无法看清。请在均匀的日光或灯光下重新拍摄，"
        "不要用闪光灯；如有反光，可把手机稍微倾斜。",
    },
}
