"""The report request form: a preset or a custom range, grouping, format."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from hurtrock.dashboard import store_today
from reports.models import Grouping, ReportFormat

PRESETS = (
    ("custom", _("Custom range")),
    ("today", _("Today")),
    ("this_week", _("This week")),
    ("this_month", _("This month")),
    ("last_month", _("Last month")),
    ("this_year", _("This year")),
)


def preset_range(preset: str, today):
    """(first, last) store-local days of a preset; None for "custom"."""
    if preset == "today":
        return today, today
    if preset == "this_week":
        return today - timedelta(days=today.weekday()), today
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "this_year":
        return today.replace(month=1, day=1), today
    return None


class SalesReportForm(forms.Form):
    preset = forms.ChoiceField(label=_("Period"), choices=PRESETS, initial="this_month")
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    grouping = forms.ChoiceField(label=_("Group by"), choices=Grouping.choices, initial=Grouping.DAY)
    file_format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, initial=ReportFormat.PDF)

    def clean(self):
        data = super().clean()
        preset_dates = preset_range(data.get("preset"), store_today())
        if preset_dates:
            data["date_from"], data["date_to"] = preset_dates
        elif not data.get("date_from") or not data.get("date_to"):
            raise forms.ValidationError(_("Choose a period or enter both dates."))
        elif data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("The end date is before the start date."))
        elif (data["date_to"] - data["date_from"]).days > 3 * 366:
            raise forms.ValidationError(_("At most three years per report."))
        return data


class PerformanceFilterForm(forms.Form):
    """GET filters of the product performance page (the period defaults to the last 30 days)."""

    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, required=False)
    brand = forms.CharField(label=_("Brand"), required=False, max_length=100)
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=None, required=False)
    dead_days = forms.IntegerField(label=_("Dead stock after (days)"), min_value=1, max_value=3650, required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def __init__(self, *args, category_queryset, supplier_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_queryset
        self.fields["supplier"].queryset = supplier_queryset

    def period_dates(self):
        today = store_today()
        data = self.cleaned_data if self.is_valid() else {}
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or date_to - timedelta(days=29)
        if date_from > date_to:
            date_from = date_to
        return date_from, date_to
