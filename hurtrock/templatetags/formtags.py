"""`{{ field|bs_widget }}`: render a form field's widget with Bootstrap classes and ARIA links."""

from django import forms, template

register = template.Library()


@register.filter
def bs_widget(field):
    css = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}_help")
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
