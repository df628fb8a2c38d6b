"""What each language we can detect is called, in English and in both Chinese scripts.

Keyed by ISO 639-1 code; messages name a document's language with these.
"""

from __future__ import annotations

from tracker.i18n import Text

NAMES: dict[str, Text] = {
    "zh": Text("Chinese", "中文", "中文"),
    "en": Text("English", "英文", "英文"),
    "ja": Text("Japanese", "日文", "日文"),
    "ko": Text("Korean", "韓文", "韩文"),
    "vi": Text("Vietnamese", "越南文", "越南文"),
    "id": Text("Indonesian", "印尼文", "印尼文"),
    "ms": Text("Malay", "馬來文", "马来文"),
    "tl": Text("Tagalog (Filipino)", "他加祿文（菲律賓文）", "他加禄文（菲律宾文）"),
    "th": Text("Thai", "泰文", "泰文"),
    "lo": Text("Lao", "老撾文", "老挝文"),
    "km": Text("Khmer", "高棉文", "高棉文"),
    "my": Text("Burmese", "緬甸文", "缅甸文"),
    "hi": Text("Hindi", "印地文", "印地文"),
    "bn": Text("Bengali", "孟加拉文", "孟加拉文"),
    "pa": Text("Punjabi", "旁遮普文", "旁遮普文"),
    "gu": Text("Gujarati", "古吉拉特文", "古吉拉特文"),
    "ta": Text("Tamil", "泰米爾文", "泰米尔文"),
    "te": Text("Telugu", "泰盧固文", "泰卢固文"),
    "kn": Text("Kannada", "卡納達文", "卡纳达文"),
    "ml": Text("Malayalam", "馬拉雅拉姆文", "马拉雅拉姆文"),
    "si": Text("Sinhala", "僧伽羅文", "僧伽罗文"),
    "ur": Text("Urdu", "烏爾都文", "乌尔都文"),
    "ar": Text("Arabic", "阿拉伯文", "阿拉伯文"),
    "fa": Text("Persian", "波斯文", "波斯文"),
    "he": Text("Hebrew", "希伯來文", "希伯来文"),
    "tr": Text("Turkish", "土耳其文", "土耳其文"),
    "ru": Text("Russian", "俄文", "俄文"),
    "uk": Text("Ukrainian", "烏克蘭文", "乌克兰文"),
    "el": Text("Greek", "希臘文", "希腊文"),
    "hy": Text("Armenian", "亞美尼亞文", "亚美尼亚文"),
    "ka": Text("Georgian", "格魯吉亞文", "格鲁吉亚文"),
    "am": Text("Amharic", "阿姆哈拉文", "阿姆哈拉文"),
    "es": Text("Spanish", "西班牙文", "西班牙文"),
    "pt": Text("Portuguese", "葡萄牙文", "葡萄牙文"),
    "fr": Text("French", "法文", "法文"),
    "de": Text("German", "德文", "德文"),
    "it": Text("Italian", "意大利文", "意大利文"),
    "nl": Text("Dutch", "荷蘭文", "荷兰文"),
    "pl": Text("Polish", "波蘭文", "波兰文"),
    "ro": Text("Romanian", "羅馬尼亞文", "罗马尼亚文"),
    "cs": Text("Czech", "捷克文", "捷克文"),
    "hu": Text("Hungarian", "匈牙利文", "匈牙利文"),
    "sv": Text("Swedish", "瑞典文", "瑞典文"),
    "da": Text("Danish", "丹麥文", "丹麦文"),
    "nb": Text("Norwegian", "挪威文", "挪威文"),
    "af": Text("Afrikaans", "南非荷蘭文", "南非荷兰文"),
    "sw": Text("Swahili", "斯瓦希里文", "斯瓦希里文"),
    "so": Text("Somali", "索馬里文", "索马里文"),
    "bg": Text("Bulgarian", "保加利亞文", "保加利亚文"),
    "kk": Text("Kazakh", "哈薩克文", "哈萨克文"),
    "mn": Text("Mongolian", "蒙古文", "蒙古文"),
}

# A code without a name of ours: say so rather than print a bare code.
OTHER = Text("a language other than Chinese or English", "中英文以外的語言", "中英文以外的语言")


def language_name(code: str) -> Text:
    """Name the language with ISO 639-1 `code` for the reader."""
    return NAMES.get(code, OTHER)
