"""The image pipeline and uploads through the real admin form."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from catalog.images import DISPLAY_SIZE, THUMBNAIL_SIZE, image_validate
from catalog.models import Product, ProductImage
from catalog.services import product_image_add, product_image_delete
from catalog.tests.conftest import image_inline_data, product_admin_data
from catalog.tests.factories import ProductFactory, image_bytes, png_bomb_bytes, upload

pytestmark = pytest.mark.django_db


def change_url(product):
    return reverse("admin:catalog_product_change", args=[product.pk])


def post_pictures(client, product, files):
    data = product_admin_data(product)
    data["new_images"] = files
    return client.post(change_url(product), data)


def form_errors(response, field="new_images"):
    return " ".join(response.context["adminform"].form.errors.get(field, []))


def jpeg_with_metadata(size=(3000, 2000)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° on display
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 30, 30)).save(buffer, "JPEG", exif=exif, comment=b"shot at home")
    return buffer.getvalue()


def test_a_text_file_named_jpg_is_refused_with_a_form_error(staff_client):
    product = ProductFactory()

    response = post_pictures(staff_client, product, [upload("gitar.jpg", b"this is not an image\n" * 50)])

    assert response.status_code == 200
    assert "gitar.jpg" in form_errors(response)
    assert "not an image" in form_errors(response)
    assert not ProductImage.objects.exists()


def test_a_20000_by_20000_png_is_refused_before_decoding(staff_client):
    product = ProductFactory()

    response = post_pictures(staff_client, product, [upload("bomb.png", png_bomb_bytes(), "image/png")])

    assert response.status_code == 200
    assert "bomb.png" in form_errors(response)
    assert "too many pixels" in form_errors(response)
    assert not ProductImage.objects.exists()


def test_an_oversized_file_is_refused(staff_client):
    product = ProductFactory()
    too_big = image_bytes("JPEG", size=(64, 64)) + b"\0" * (10 * 1024 * 1024)

    response = post_pictures(staff_client, product, [upload("huge.jpg", too_big)])

    assert response.status_code == 200
    assert "huge.jpg" in form_errors(response)
    assert "the limit is 10" in form_errors(response)
    assert not ProductImage.objects.exists()


def test_one_bad_file_refuses_the_whole_upload_and_names_it(staff_client):
    product = ProductFactory()
    files = [upload("ok.jpg", image_bytes()), upload("bad.jpg", b"nope")]

    response = post_pictures(staff_client, product, files)

    assert "bad.jpg" in form_errors(response) and "ok.jpg" not in form_errors(response)
    assert not ProductImage.objects.exists()


def test_a_valid_jpeg_becomes_web_sized_variants_without_metadata(staff_client):
    product = ProductFactory()

    response = post_pictures(staff_client, product, [upload("photo.jpg", jpeg_with_metadata())])

    assert response.status_code == 302, form_errors(response)
    image = ProductImage.objects.get(product=product)
    assert image.is_main
    display = Image.open(default_storage.open(image.display.name))
    thumb = Image.open(default_storage.open(image.thumbnail.name))
    assert display.format == "WEBP" and thumb.format == "WEBP"
    assert max(display.size) == DISPLAY_SIZE and max(thumb.size) == THUMBNAIL_SIZE
    assert display.size == (800, 1200), "EXIF orientation is applied before the metadata is dropped"
    assert (image.width, image.height, image.thumbnail_width) == (800, 1200, 267)
    assert not display.getexif() and "icc_profile" not in display.info
    raw = default_storage.open(image.display.name).read()
    assert b"SecretCam" not in raw and b"shot at home" not in raw
    stored = default_storage.listdir(f"products/{product.pk}")[1]
    assert sorted(name.rsplit(".", 1)[1] for name in stored) == ["webp", "webp"], "the original is not kept"


def test_several_pictures_in_one_upload_keep_their_order_and_one_main(staff_client):
    product = ProductFactory()
    files = [upload(f"p{i}.png", image_bytes("PNG", size=(500, 500), alpha=True), "image/png") for i in range(3)]

    response = post_pictures(staff_client, product, files)

    assert response.status_code == 302
    images = list(product.images.order_by("sort_order"))
    assert [image.sort_order for image in images] == [1, 2, 3]
    assert [image.is_main for image in images] == [True, False, False]


def test_the_inline_moves_the_main_mark_and_deleting_the_main_promotes_the_next(staff_client):
    product = ProductFactory()
    first = product_image_add(product=product, image=Image.new("RGB", (300, 300), "red"))
    second = product_image_add(product=product, image=Image.new("RGB", (300, 300), "blue"))
    rows = [{"image": first, "sort_order": 1}, {"image": second, "sort_order": 2, "is_main": True}]

    response = staff_client.post(change_url(product), {**product_admin_data(product), **image_inline_data(rows)})

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_main, second.is_main) == (False, True)

    rows = [{"image": first, "sort_order": 1}, {"image": second, "sort_order": 2, "is_main": True, "delete": True}]
    response = staff_client.post(change_url(product), {**product_admin_data(product), **image_inline_data(rows)})

    assert response.status_code == 302
    assert list(product.images.values_list("pk", "is_main")) == [(first.pk, True)]


def test_ticking_two_main_pictures_is_a_form_error(staff_client):
    product = ProductFactory()
    first = product_image_add(product=product, image=Image.new("RGB", (300, 300), "red"))
    second = product_image_add(product=product, image=Image.new("RGB", (300, 300), "blue"))
    rows = [{"image": first, "is_main": True}, {"image": second, "is_main": True}]

    response = staff_client.post(change_url(product), {**product_admin_data(product), **image_inline_data(rows)})

    assert response.status_code == 200
    assert "one picture only" in str(response.context["inline_admin_formsets"][0].formset.non_form_errors())


def test_a_new_inline_row_needs_a_picture_and_a_real_one_is_processed(staff_client):
    product = ProductFactory()

    refused = staff_client.post(
        change_url(product), {**product_admin_data(product), **image_inline_data([], extra={"alt_text": "Depan"})}
    )
    accepted = staff_client.post(
        change_url(product),
        {
            **product_admin_data(product),
            **image_inline_data([], extra={"alt_text": "Depan", "upload": upload("front.gif", image_bytes("GIF"))}),
        },
    )

    assert refused.status_code == 200
    assert accepted.status_code == 302
    image = product.images.get()
    assert image.alt_text == "Depan" and image.is_main and image.display.name.endswith(".webp")


def test_deleting_an_image_removes_its_files_after_commit(django_capture_on_commit_callbacks):
    product = ProductFactory()
    image = product_image_add(product=product, image=Image.new("RGB", (300, 300), "red"))
    names = [image.display.name, image.thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        product_image_delete(image=image)

    assert not any(default_storage.exists(name) for name in names)


def test_files_shared_by_another_image_are_kept(django_capture_on_commit_callbacks):
    product = ProductFactory()
    image = product_image_add(product=product, image=Image.new("RGB", (300, 300), "red"))
    twin = ProductImage.objects.create(
        product=ProductFactory(), display=image.display.name, thumbnail=image.thumbnail.name, is_main=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        product_image_delete(image=image)

    assert default_storage.exists(twin.display.name)


def test_validation_accepts_webp_and_refuses_formats_outside_the_allow_list():
    webp = io.BytesIO(image_bytes("WEBP", size=(50, 50)))
    webp.name, webp.size = "a.webp", len(webp.getvalue())
    tiff = io.BytesIO(image_bytes("TIFF", size=(50, 50)))
    tiff.name, tiff.size = "a.tiff", len(tiff.getvalue())

    assert image_validate(webp).image.size == (50, 50)
    with pytest.raises(Exception, match="not an image"):
        image_validate(tiff)


def test_a_truncated_jpeg_is_refused():
    data = image_bytes("JPEG", size=(800, 800))[:2000]
    broken = io.BytesIO(data)
    broken.name, broken.size = "cut.jpg", len(data)

    with pytest.raises(Exception, match="not an image"):
        image_validate(broken)


def test_new_products_from_the_admin_start_with_zero_stock(staff_client):
    response = staff_client.post(reverse("admin:catalog_product_add"), product_admin_data(stock_quantity="50"))

    assert response.status_code == 302
    assert Product.objects.get(sku="JKS-SL2").stock_quantity == 0
