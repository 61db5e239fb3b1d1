"""Query words → what they may mean: exact, prefix, typo corrections (edit distance), synonyms.

One database round trip (`query_words_expand`): on PostgreSQL a UNION of index-backed lookups on
the vocabulary (`=`, `LIKE 'w%'` on a pattern index, trigram `%` on a GIN index, and equal sorted
letters on a b-tree, which catches swaps that trigrams miss in short words); on SQLite the whole
vocabulary is read and matched in Python (a small catalog: development only). Candidates are then
checked with the optimal-string-alignment distance, where a swap of neighbours is one edit.

Typo budget per word (as Algolia, Meilisearch and Typesense): none below 5 letters, one from 5,
two from 9.
"""

import re
from dataclasses import dataclass, field

from django.db import connection

from catalog.search_models import SearchTerm

WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8
MAX_WORD = 40
ONE_EDIT_FROM, TWO_EDITS_FROM = 5, 9
PREFIX_LIMIT = 8


def typo_budget(word: str) -> int:
    return 2 if len(word) >= TWO_EDITS_FROM else 1 if len(word) >= ONE_EDIT_FROM else 0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insert, delete, substitute, swap neighbours), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[len(b)], limit + 1)


def query_words(query: str) -> list[str]:
    return [word[:MAX_WORD] for word in WORD.findall(query.lower())][:MAX_TERMS]


@dataclass
class Word:
    """One query word and what it stands for."""

    typed: str
    known: bool = False  # the typed word itself is in the vocabulary
    has_prefix: bool = False  # starts a vocabulary word
    corrections: list[tuple[int, int, str]] = field(default_factory=list)  # (distance, -frequency, word)
    synonyms: set[str] = field(default_factory=set)  # of the typed word
    correction_synonyms: set[str] = field(default_factory=set)  # of its corrections and completions
    frequency: int = 0  # products the word finds (the most of its forms)

    @property
    def best(self) -> str:
        """What the word is read as: itself when known (or a prefix), else its closest correction."""
        if self.known or self.has_prefix or not self.corrections:
            return self.typed
        return min(self.corrections)[2]

    @property
    def corrected(self) -> list[str]:
        words = [word for _d, _f, word in sorted(self.corrections)]
        return words + sorted(self.correction_synonyms - set(words) - {self.typed})

    @property
    def matched(self) -> bool:
        """Whether the vocabulary knows the word in any form (else it only lowers the rank)."""
        return self.known or self.has_prefix or bool(self.corrections)

    @property
    def exact_words(self) -> list[str]:
        return [self.typed, *sorted(self.synonyms)]


def _lookup_postgres(words: list[str]) -> list[tuple[int, str, int, str]]:
    parts, params = [], []
    columns = "SELECT %s, word, frequency, synonyms FROM catalog_searchterm"
    for index, word in enumerate(words):
        parts.append(f"({columns} WHERE word = %s)")
        params += [index, word]
        parts.append(f"({columns} WHERE word LIKE %s AND word <> %s ORDER BY frequency DESC LIMIT {PREFIX_LIMIT})")
        params += [index, word.replace("\\", "").replace("%", "").replace("_", "") + "%", word]
        budget = typo_budget(word)
        if budget:
            parts.append(
                f"({columns} WHERE (word %% %s OR letters = %s) AND length(word) BETWEEN %s AND %s AND word <> %s)"
            )
            params += [index, word, "".join(sorted(word)), len(word) - budget, len(word) + budget, word]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()


def _lookup_python(words: list[str]) -> list[tuple[int, str, int, str]]:
    rows = []
    vocabulary = list(SearchTerm.objects.values_list("word", "frequency", "synonyms"))
    for index, word in enumerate(words):
        budget = typo_budget(word)
        prefixes = 0
        for term, frequency, synonyms in vocabulary:
            if term == word:
                rows.append((index, term, frequency, synonyms))
            elif term.startswith(word):
                if prefixes < PREFIX_LIMIT:
                    prefixes += 1
                    rows.append((index, term, frequency, synonyms))
            elif budget and abs(len(term) - len(word)) <= budget:
                rows.append((index, term, frequency, synonyms))
    return rows


def query_words_expand(query: str, *, typos: bool = True) -> list[Word]:
    """The query's words with their matches in the vocabulary (one query; none for an empty query)."""
    words = query_words(query)
    if not words:
        return []
    found = [Word(typed=word) for word in words]
    rows = _lookup_postgres(words) if connection.vendor == "postgresql" else _lookup_python(words)
    for index, term, frequency, synonyms in rows:
        entry = found[index]
        typed = entry.typed
        entry.frequency = max(entry.frequency, frequency)
        if term == typed:
            entry.known = True
            entry.synonyms.update(synonyms.split())
        elif term.startswith(typed):  # as you type: "listr" is "listrik", which means "electric"
            entry.has_prefix = True
            entry.correction_synonyms.update(synonyms.split())
        elif typos:
            budget = typo_budget(typed)
            distance = edit_distance(typed, term, budget)
            if distance <= budget:
                entry.corrections.append((distance, -frequency, term))
                entry.correction_synonyms.update(synonyms.split())
    for entry in found:
        entry.synonyms.discard(entry.typed)
        if entry.known:  # a known word is not corrected
            entry.corrections, entry.correction_synonyms = [], set()
    return found
