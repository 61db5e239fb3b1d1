"""Search data: the catalog's vocabulary (for typo correction) and the synonym table (admin-edited).

`SearchTerm` holds every word of product names, brands, models, specification values, category
names and synonym groups, lower-case. Query words are corrected against it (edit distance, see
catalog/selectors/search_terms.py); on PostgreSQL a trigram GIN index and a b-tree on the sorted
letters (a swap of two letters keeps them) find the candidates without reading the whole table.
`synonyms` is denormalised from the synonym groups so one lookup returns a word, its corrections
and what they mean.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    word = models.CharField(_("word"), max_length=60, unique=True)
    letters = models.CharField(_("sorted letters"), max_length=60, db_index=True)
    frequency = models.PositiveIntegerField(_("products"), default=0, help_text=_("Products using the word."))
    synonyms = models.CharField(_("synonyms"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        ordering = ["word"]

    def __str__(self):
        return self.word


class SynonymGroup(models.Model):
    """Words shoppers use for the same thing, e.g. "gitar, guitar"; a search for any finds all."""

    words = models.CharField(
        _("words"),
        max_length=300,
        unique=True,
        help_text=_("Comma-separated single words that mean the same, e.g. “senar, strings, string”."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["words"]

    def __str__(self):
        return self.words

    @property
    def word_list(self) -> list[str]:
        return synonym_words(self.words)


def synonym_words(text: str) -> list[str]:
    """The distinct lower-case words of a comma-separated synonym list, in order."""
    words: list[str] = []
    for part in text.split(","):
        word = "".join(re.findall(r"[^\W_]", part.lower()))[:60]
        if word and word not in words:
            words.append(word)
    return words
