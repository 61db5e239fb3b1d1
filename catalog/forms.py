"""Back-office forms: validated image uploads, specification lines, the category tree guard."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from catalog.images import CATEGORY_SIZE, image_reencode, image_validate, images_check_request_total
from catalog.models import Category, Product, ProductImage
from catalog.selectors import category_descendant_ids
from catalog.specs import specs_from_text, specs_to_text

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
MAX_FILES_PER_UPLOAD = 20


class ImageUploadField(forms.FileField):
    """A file field whose cleaned value is a `ValidatedImage` (real image, size and pixels capped)."""

    widget = forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload in self.empty_values:
            return None
        return image_validate(upload)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageUploadField(forms.FileField):
    """Several pictures in one <input multiple>; every file is checked and each error names its file."""

    widget = MultipleImageInput(attrs={"accept": IMAGE_ACCEPT, "multiple": True})

    def clean(self, data, initial=None):
        files = [item for item in (data or []) if item] if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise ValidationError(
                _("Upload at most %(max)d pictures at a time."), code="too_many", params={"max": MAX_FILES_PER_UPLOAD}
            )
        validated, errors = [], []
        for upload in files:
            try:
                validated.append(image_validate(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        images_check_request_total(validated)
        return validated


class CategoryImageField(forms.ImageField):
    """The category picture, re-encoded by the pipeline (one web size; the original is not kept)."""

    widget = forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT})

    def to_python(self, data):
        if data in self.empty_values:
            return None
        encoded = image_reencode(image_validate(data), max_size=CATEGORY_SIZE)
        return ContentFile(encoded.content, name=f"{uuid.uuid4().hex[:16]}.{encoded.extension}")


class SpecificationsField(forms.CharField):
    """Specifications as "Name: value" lines (stored as a list of pairs)."""

    widget = forms.Textarea(attrs={"rows": 8})

    def prepare_value(self, value):
        return specs_to_text(value) if isinstance(value, list) else value

    def to_python(self, value):
        return specs_from_text(super().to_python(value) or "")


class ProductAdminForm(forms.ModelForm):
    specifications = SpecificationsField(
        label=_("Specifications"),
        required=False,
        help_text=_("One per line, “Name: value”, e.g. “Body: Mahogany”. Shown in this order."),
    )
    new_images = MultipleImageUploadField(
        label=_("Add pictures"),
        required=False,
        help_text=_(
            "Select one or more JPEG, PNG, WebP or GIF files (up to 20 at a time, 10 MB and 40 megapixels each). "
            "They are resized for the web and their metadata (camera, location) removed."
        ),
    )

    class Meta:
        model = Product
        # Not stock_quantity (the stock ledger's) nor units_sold (the orders app's).
        fields = (
            "name", "slug", "sku", "brand", "model_name", "category", "parent", "description", "specifications",
            "price", "low_stock_threshold", "weight_grams", "length_cm", "width_cm", "height_cm",
            "is_active", "is_featured",
        )  # fmt: skip

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and parent.pk == self.instance.pk:
            raise ValidationError(_("A product cannot be its own parent."), code="own_parent")
        if parent is not None and parent.parent_id is not None:
            raise ValidationError(_("Variants hang under a top-level product, one level deep."), code="nested_variant")
        return parent


class ProductImageInlineForm(forms.ModelForm):
    upload = ImageUploadField(label=_("Picture"), required=False)

    class Meta:
        model = ProductImage
        fields = ("upload", "alt_text", "sort_order", "is_main")

    def validate_constraints(self):
        """Skip the "one main image" check row by row: moving the mark from one row to another is
        valid as a whole, and the formset checks it as a whole (then the service re-marks atomically)."""
        return None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and self.has_changed() and not cleaned.get("upload") and not self.errors:
            raise ValidationError(_("Choose a picture for the new row."), code="upload_required")
        return cleaned


class ProductImageInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        mains = [
            form
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data.get("is_main")
            and not self._should_delete_form(form)
            and (form.instance.pk or form.cleaned_data.get("upload"))
        ]
        if len(mains) > 1:
            raise ValidationError(_("Tick “main image” on one picture only."), code="several_main")
        images_check_request_total(
            [form.cleaned_data["upload"] for form in self.forms if form.is_valid() and form.cleaned_data.get("upload")]
        )


class CategoryAdminForm(forms.ModelForm):
    image = CategoryImageField(label=_("Image"), required=False)

    class Meta:
        model = Category
        fields = ("name", "slug", "parent", "description", "image", "is_active", "sort_order")

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if (
            parent is not None
            and self.instance.pk
            and parent.pk in category_descendant_ids(category_id=self.instance.pk)
        ):
            raise ValidationError(
                _("A category cannot move under itself or one of its own sub-categories."), code="cycle"
            )
        return parent
