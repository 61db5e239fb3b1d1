import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/", "/products/", "/accounts/login/", "/accounts/signup/", "/admin/login/", "/contact/", "/healthz"]
)
def test_public_pages_answer_200(client, url):
    response = client.get(url)

    assert response.status_code == 200


def test_footer_and_contact_show_the_store_profile(client):
    response = client.get(reverse("contact"))

    body = response.content.decode()
    assert "Jl Gegerkalong Girang Complex Darut Tauhid Kav 22" in body
    assert "0821-1555-8035" in body
    assert "09.30–18.00" in body and "09.30–17.00" in body


def test_store_details_survive_a_missing_profile_row(client):
    from hurtrock.models import StoreProfile

    StoreProfile.objects.all().delete()

    body = client.get(reverse("contact")).content.decode()

    assert "0821-1555-8035" in body and "Kota Bandung" in body
