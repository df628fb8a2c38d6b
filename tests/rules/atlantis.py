# ruff: noqa: E501
"""A small invented program with nothing of Hong Kong in it, and the words that would betray it."""

ATLANTIS = """
[program]
code = "atlantis_work"
version = "1"
source = "Atlantis Labour Office, Work Permit Handbook"
title = { en = "Atlantis work permit", zh-Hant = "亞特蘭提斯工作許可", zh-Hans = "亚特兰提斯工作许可" }
[program.guide]
title = { en = "Work Permit Handbook", zh-Hant = "工作許可手冊", zh-Hans = "工作许可手册" }
url = { en = "https://example.org/en", zh-Hant = "https://example.org/tc", zh-Hans = "https://example.org/sc" }

[constants]
review_days = 10

[facts.job]
type = "enum"
title = { en = "Job", zh-Hant = "工作", zh-Hans = "工作" }
[facts.job.values.diver]
title = { en = "Diver", zh-Hant = "潛水員", zh-Hans = "潜水员" }

[[sections]]
code = "W"
scope = "applicant"
source = "ch. 1"
title = { en = "Worker", zh-Hant = "工人", zh-Hans = "工人" }

[[items]]
code = "W1"
section = "W"
title = { en = "Diving licence", zh-Hant = "潛水執照", zh-Hans = "潜水执照" }

[[notes]]
code = "review"
source = "ch. 2"
message = { en = "Reviewed in {review_days} days.", zh-Hant = "{review_days} 日內審核。", zh-Hans = "{review_days} 日内审核。" }

[date_inputs]
travel_document_expires_on = { en = "Diving licence expires on", zh-Hant = "潛水執照屆滿日", zh-Hans = "潜水执照届满日" }

[[dates]]
code = "permit_review"
from = "complete_since"
offset = { days = "review_days" }
source = "ch. 2"
deadline = true
title = { en = "Review due", zh-Hant = "審核限期", zh-Hans = "审核限期" }

[[dates]]
code = "licence_expires"
from = "travel_document_expires_on"
must_outlast = ["permit_review"]
source = "ch. 3"
title = { en = "Licence expires", zh-Hant = "執照屆滿", zh-Hans = "执照届满" }
"""
HONG_KONG = ("Hong Kong", "香港", "para ", "指南", "Immigration", "入境")
