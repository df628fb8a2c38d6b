"""The three languages of the product and how a message is picked among them.

Pure: used by rules and validation as well as the web layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

Lang = Literal["en", "zh-Hant", "zh-Hans"]
LANGS: tuple[Lang, ...] = get_args(Lang)


def pick(texts: Mapping[str, str], lang: str) -> str:
    """Return the text for `lang`, falling back to English."""
    return texts.get(lang) or texts["en"]


@dataclass(frozen=True)
class Text:
    """One text in the three languages, rendered late for the reader."""

    en: str
    zh_hant: str
    zh_hans: str

    def __call__(self, lang: str) -> str:
        return {"zh-Hant": self.zh_hant, "zh-Hans": self.zh_hans}.get(lang, self.en)

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "zh-Hant": self.zh_hant, "zh-Hans": self.zh_hans}

    @classmethod
    def from_given(cls, texts: Mapping[str, str]) -> Text:
        """Texts given in some of the languages; the others show the first one given."""
        given = [texts[lang] for lang in LANGS if texts.get(lang)]
        first = given[0] if given else ""
        return cls(*(texts.get(lang) or first for lang in LANGS))

    @classmethod
    def from_dict(cls, texts: Mapping[str, str]) -> Text:
        return cls(texts["en"], pick(texts, "zh-Hant"), pick(texts, "zh-Hans"))
