"""Issue #16: every image field through the one pipeline (hurtrock.images)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from catalog.models import ProductImage
from catalog.tests.conftest import product_admin_data
from catalog.tests.factories import ProductFactory, image_bytes, png_bomb_bytes, upload
from hurtrock.images import ValidatedImage, image_reencode, image_validate
from hurtrock.models import StoreProfile
from hurtrock.selectors import STORE_DEFAULTS
from hurtrock.testing.factories import AdminFactory, StaffFactory

pytestmark = pytest.mark.django_db

EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto 10 10 lineto stroke\n%%EOF\n"


@pytest.fixture
def admin_client(client):
    client.force_login(AdminFactory())
    return client


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def store_data(**overrides) -> dict:
    data = {
        **{key: value for key, value in STORE_DEFAULTS.items() if key != "opening_hours"},
        "opening_hours": json.dumps(STORE_DEFAULTS["opening_hours"]),
        "primary_color": "#FF6B35",
        "secondary_color": "#FF8C42",
    }
    data.update(overrides)
    return data


def post_store(client, **overrides):
    StoreProfile.objects.get_or_create(pk=1, defaults={**STORE_DEFAULTS})
    url = reverse("admin:hurtrock_storeprofile_change", args=[1])
    return client.post(url, store_data(**overrides))


def logo_errors(response) -> list[str]:
    """The error codes of the logo field (language-independent)."""
    return [error.code for error in response.context["adminform"].form.errors.as_data().get("logo", [])]


def test_a_144_megapixel_png_logo_is_refused(admin_client):
    response = post_store(admin_client, logo=upload("logo.png", png_bomb_bytes(12_000, 12_000), "image/png"))

    assert response.status_code == 200
    assert "too_many_pixels" in logo_errors(response)
    assert not StoreProfile.objects.get(pk=1).logo


def test_an_eps_logo_is_refused_without_starting_ghostscript(admin_client):
    response = post_store(admin_client, logo=upload("logo.eps", EPS, "application/postscript"))

    assert "not_an_image" in logo_errors(response)
    assert not StoreProfile.objects.get(pk=1).logo


def test_a_25_mb_logo_is_refused_by_size(admin_client):
    response = post_store(admin_client, logo=upload("logo.jpg", b"\xff\xd8" + b"0" * (25 * 1024 * 1024)))

    assert "file_too_large" in logo_errors(response)


def test_a_good_logo_is_re_encoded_without_metadata(admin_client):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    response = post_store(admin_client, logo=upload("logo.jpg", image_bytes("JPEG", size=(2000, 1000), exif=exif)))

    assert response.status_code == 302
    logo = StoreProfile.objects.get(pk=1).logo
    with Image.open(logo.open("rb")) as stored:
        assert max(stored.size) == 600
        assert not stored.getexif()
        assert "exif" not in stored.info


def test_the_pictures_of_one_request_are_capped_in_total_pixels(staff_client, settings):
    settings.IMAGE_UPLOAD_MAX_REQUEST_PIXELS = 2_500_000
    product = ProductFactory()
    data = product_admin_data(product)
    data["new_images"] = [upload(f"p{i}.jpg", image_bytes("JPEG", size=(1000, 1000))) for i in range(3)]

    response = staff_client.post(reverse("admin:catalog_product_change", args=[product.pk]), data)

    errors = response.context["adminform"].form.errors.as_data().get("new_images", [])
    assert [error.code for error in errors] == ["request_too_many_pixels"]
    assert not ProductImage.objects.exists()


def test_a_validated_image_holds_no_decoded_pixels_until_it_is_stored():
    validated = image_validate(upload("p.png", image_bytes("PNG", size=(300, 200)), "image/png"))

    assert isinstance(validated, ValidatedImage) and validated._image is None
    assert (validated.width, validated.height) == (300, 200)
    encoded = image_reencode(validated, max_size=100)
    assert (encoded.width, encoded.height) == (100, 67)
    assert validated._image is None  # freed again after encoding


def test_the_byte_and_pixel_caps_are_settings(settings):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 10_000
    with pytest.raises(ValidationError) as pixels:
        image_validate(upload("p.png", image_bytes("PNG", size=(200, 200)), "image/png"))
    assert pixels.value.code == "too_many_pixels"
    settings.IMAGE_UPLOAD_MAX_PIXELS = 40_000_000
    settings.IMAGE_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as size:
        image_validate(upload("p.png", image_bytes("PNG", size=(200, 200)), "image/png"))
    assert size.value.code == "file_too_large"
