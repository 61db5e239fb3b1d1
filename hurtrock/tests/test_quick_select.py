"""`QuickSelect` renders the same HTML as Django's `Select` (escaping, optgroups, selected); its speed is
the checkout page's row of `make bench`."""

from django import forms
from django.test.html import parse_html

from hurtrock.forms import QuickSelect

CHOICES = [
    ("", "Automatic & <b>bold</b>"),
    ("Jawa Barat", [(1, "Bandung"), (2, 'Bogor "<x>"')]),
    ("Bali & Nusa", [(3, "Denpasar")]),
]
ATTRS = {"id": "id_destination", "class": "form-select is-invalid", "aria-describedby": "help", "required": True}


def test_the_html_is_djangos_select_html():
    for value in (None, "", 2, "3", 99):
        django = forms.Select(choices=CHOICES).render("destination", value, ATTRS)
        quick = QuickSelect(choices=CHOICES).render("destination", value, ATTRS)
        assert parse_html(quick) == parse_html(django), value
    assert "<b>" not in QuickSelect(choices=CHOICES).render("destination", None)
