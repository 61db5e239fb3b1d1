"""Keeping the search vocabulary current (catalog.search_models.SearchTerm).

- `search_vocabulary_add_product/category`: a saved product or category adds its words (signals in
  catalog/signals_search.py), so a new model name is correctable at once;
- `search_synonyms_sync`: a saved or deleted synonym group rewrites the `synonyms` column;
- `search_vocabulary_rebuild`: recounts everything and drops words nothing uses any more (run by
  `manage.py search_vocabulary_rebuild`, after the sample data, and after bulk imports).
"""

import re
from collections import Counter

from django.db import transaction

from catalog.search_models import SearchTerm, SynonymGroup, synonym_words

WORD = re.compile(r"[^\W_]+")
MIN_WORD, MAX_WORD = 2, 60


def text_words(*texts: str) -> set[str]:
    """Lower-case words (letters and digits) of the texts, as the search splits a query."""
    words = set()
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            if MIN_WORD <= len(word) <= MAX_WORD:
                words.add(word)
    return words


def sorted_letters(word: str) -> str:
    return "".join(sorted(word))


def _spec_values(specifications) -> list[str]:
    values = []
    for pair in specifications or []:
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            values.append(str(pair[1]))
    return values


def product_words(product) -> set[str]:
    return text_words(product.name, product.brand, product.model_name, *_spec_values(product.specifications))


def _add(words: set[str]) -> None:
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word, letters=sorted_letters(word), frequency=1) for word in sorted(words)],
            ignore_conflicts=True,
        )


def search_vocabulary_add_product(product) -> None:
    _add(product_words(product))


def search_vocabulary_add_category(category) -> None:
    _add(text_words(category.name))


def _synonym_map() -> dict[str, set[str]]:
    meaning: dict[str, set[str]] = {}
    for text in SynonymGroup.objects.values_list("words", flat=True):
        words = synonym_words(text)
        for word in words:
            meaning.setdefault(word, set()).update(other for other in words if other != word)
    return meaning


@transaction.atomic
def search_synonyms_sync() -> None:
    """Write every synonym group into the vocabulary (new words added, old meanings cleared)."""
    meaning = _synonym_map()
    _add(set(meaning))
    SearchTerm.objects.exclude(word__in=meaning).exclude(synonyms="").update(synonyms="")
    terms = list(SearchTerm.objects.filter(word__in=meaning))
    for term in terms:
        term.synonyms = " ".join(sorted(meaning[term.word]))[:400]
    SearchTerm.objects.bulk_update(terms, ["synonyms"], batch_size=500)


@transaction.atomic
def search_vocabulary_rebuild() -> int:
    """Recount the vocabulary from the active catalog; returns the number of words."""
    from catalog.models import Category, Product

    categories = {pk: (name, parent) for pk, name, parent in Category.objects.values_list("pk", "name", "parent_id")}
    path_words: dict[int | None, set[str]] = {}

    def category_words(pk):
        if pk not in path_words:
            words, seen, node = set(), set(), pk
            while node in categories and node not in seen:
                seen.add(node)
                words |= text_words(categories[node][0])
                node = categories[node][1]
            path_words[pk] = words
        return path_words[pk]

    meaning = _synonym_map()
    # frequency: active products a word (or one of its synonyms) finds through names, brands,
    # models, specification values and category paths; the relaxed search drops the commonest word.
    counts: Counter[str] = Counter()
    rows = Product.objects.filter(is_active=True).values_list(
        "name", "brand", "model_name", "specifications", "category_id"
    )
    for name, brand, model_name, specifications, category_id in rows.iterator(chunk_size=2000):
        words = text_words(name, brand, model_name, *_spec_values(specifications)) | category_words(category_id)
        counts.update(words | {other for word in words for other in meaning.get(word, ())})
    for name in Category.objects.filter(is_active=True).values_list("name", flat=True):
        counts.update(word for word in text_words(name) if word not in counts)
    words = set(counts) | set(meaning)
    _delete_missing(words)
    existing = {term.word: term for term in SearchTerm.objects.all()}
    new, changed = [], []
    for word in words:
        synonyms = " ".join(sorted(meaning.get(word, ())))[:400]
        term = existing.get(word)
        if term is None:
            new.append(SearchTerm(word=word, letters=sorted_letters(word), frequency=counts[word], synonyms=synonyms))
        elif term.frequency != counts[word] or term.synonyms != synonyms:
            term.frequency, term.synonyms = counts[word], synonyms
            changed.append(term)
    SearchTerm.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    SearchTerm.objects.bulk_update(changed, ["frequency", "synonyms"], batch_size=1000)
    return len(words)


def _delete_missing(words: set[str]) -> None:
    stale = [pk for pk, word in SearchTerm.objects.values_list("pk", "word") if word not in words]
    for start in range(0, len(stale), 1000):
        SearchTerm.objects.filter(pk__in=stale[start : start + 1000]).delete()
