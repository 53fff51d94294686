"""The directory's fields and rows as the tags write them: labels, states and errors that
assistive technology reads, in the page's language."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse

from organizations.filters import OrganizationFilter
from tests.organizations.factories import OrganizationFactory, region_tree

pytestmark = pytest.mark.django_db

URL = reverse("organizations:organization_list")


def test_a_select_is_labelled_and_marks_the_chosen_option(client):
    page = client.get(URL, {"legal_form": "foundation"}).content.decode()

    assert '<label for="id_legal_form">Legal form</label>' in page
    assert '<option value="foundation" selected>foundation</option>' in page
    assert '<option value="social_group">social group</option>' in page


def test_an_invalid_choice_is_announced_on_its_field(client):
    page = client.get(URL, {"growth_stage": "nonsense"}).content.decode()

    assert 'id="id_growth_stage" aria-invalid="true" aria-describedby="id_growth_stage_errors"' in (
        page
    )
    assert '<ul class="errorlist" id="id_growth_stage_errors"><li>' in page


def test_check_boxes_keep_their_labels_and_what_was_checked(client):
    page = client.get(URL, {"service_area": ["health", "education"]}).content.decode()

    assert "<legend>Service areas</legend>" in page
    assert 'value="health" id="id_service_area_6" checked> health</label>' in page
    assert 'value="elderly_care" id="id_service_area_1"> elderly care</label>' in page


def test_the_search_box_keeps_the_term_escaped(client):
    page = client.get(URL, {"q": '"><script>'}).content.decode()

    assert 'value="&quot;&gt;&lt;script&gt;"' in page
    assert '"><script>' not in page


def test_choices_and_rows_follow_the_language_of_each_request(client):
    regions = region_tree()
    OrganizationFactory(
        name_zh="鼓楼社工服务中心",
        legal_form="social_service_org",
        region=regions["gulou"],
        is_public=True,
    )
    english = client.get(URL).content.decode()
    chinese = client.get("/zh-hans" + URL).content.decode()
    english_again = client.get(URL).content.decode()

    assert "<td>social service organization</td>" in english
    assert "Jiangsu Sheng · Nanjing Shi · Gulou Qu" in english
    assert "<td>社会服务机构</td>" in chinese
    assert "江苏省 · 南京市 · 鼓楼区" in chinese
    assert '<option value="foundation">基金会</option>' in chinese
    assert english_again.count("基金会") == english.count("基金会") == 0


def test_the_field_partial_still_renders_one_field():
    form = OrganizationFilter({"mca_grade": "3A"}, user=AnonymousUser()).form

    html = render_to_string(
        "organizations/partials/directory_field.html", {"field": form["mca_grade"]}
    )

    assert '<select name="mca_grade" id="id_mca_grade">' in html
    assert '<option value="3A" selected>3A</option>' in html
