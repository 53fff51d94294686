"""The incubation pages in Chinese: labels from the catalogue, framework text in Chinese, the
chart's labels in Chinese."""

import base64
import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _zh(name, *args):
    with translation.override("zh-hans"):
        return reverse(f"incubation:{name}", args=args)


def test_assessment_and_cohort_pages_in_chinese(client, officer, enrollment, scored_assessment):
    scored_assessment(enrollment, "baseline", lambda key, i: 1 if key == "governance" else 2)
    endline = scored_assessment(enrollment, "endline", lambda key, i: 3)
    client.force_login(officer)

    page = client.get(_zh("assessment_detail", endline.pk)).content.decode()
    assert _zh("assessment_detail", endline.pk).startswith("/zh-hans/")
    for text in ("治理与组织管理", "行动计划", "优势", "各能力领域得分（1–4）", "+2.00"):
        assert text in page, text
    chart = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)
    assert "治理与组织管理" in base64.b64decode(chart).decode()

    page = client.get(_zh("cohort_detail", enrollment.cohort.pk)).content.decode()
    for text in ("各领域从基线到终期的平均变化", "入驻机构", "以表格显示数据"):
        assert text in page, text
