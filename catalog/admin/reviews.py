"""Moderation of reviews: publish, hide with a reason, reply publicly, delete.

Edits go through `catalog.services.reviews` so the product's rating counters follow every change.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Review, ReviewStatus
from catalog.services.reviews import (
    review_delete,
    review_hide,
    review_publish,
    review_reply,
    reviews_moderate_bulk,
)


class ReviewModerationForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ("status", "hidden_reason", "reply")

    def clean(self):
        data = super().clean()
        if data.get("status") == ReviewStatus.HIDDEN and not (data.get("hidden_reason") or "").strip():
            raise ValidationError({"hidden_reason": gettext("Say why the review is hidden.")})
        return data


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    form = ReviewModerationForm
    list_display = ("product", "user", "rating", "status", "created_at")
    list_filter = ("status", "rating")
    list_select_related = ("product", "user")
    search_fields = ("product__name", "user__email", "text")
    readonly_fields = ("product", "user", "rating", "text", "created_at", "moderated_at")
    fields = ("product", "user", "rating", "text", "status", "hidden_reason", "reply", "created_at", "moderated_at")
    actions = ["publish_selected"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data or "hidden_reason" in form.changed_data:
            if obj.status == ReviewStatus.PUBLISHED:
                review_publish(review=obj, user=request.user)
            elif obj.status == ReviewStatus.HIDDEN:
                review_hide(review=obj, reason=obj.hidden_reason, user=request.user)
            else:
                reviews_moderate_bulk(reviews=Review.objects.filter(pk=obj.pk), status=obj.status)
        if "reply" in form.changed_data:
            review_reply(review=obj, text=obj.reply, user=request.user)

    def delete_model(self, request, obj):
        review_delete(review=obj)

    def delete_queryset(self, request, queryset):
        for review in queryset:
            review_delete(review=review)

    @admin.action(description=_("Publish the selected reviews"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = reviews_moderate_bulk(reviews=queryset, status=ReviewStatus.PUBLISHED)
        messages.success(request, gettext("%(count)s reviews published.") % {"count": count})
