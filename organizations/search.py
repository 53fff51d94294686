"""Name search over Chinese names, pinyin and English names, and the SQL it compiles to.

Which index serves a term (indexes in migrations/0002_search_indexes.py):

- Chinese, 1 character: no index can (a trigram needs 3 characters, a bigram 2): LIKE on a
  scan, which stops once 1,001 matches are counted.
- Chinese, 2 characters (养老, 社区: the common case): it yields no trigram, so pg_trgm would
  scan the table. The name's bigrams array, over a GIN index: `organization_name_bigrams(name_zh)
  @> ARRAY['养老']` is exact for a 2-character term; LIKE rechecks it.
- Chinese, 3+ characters: pg_trgm's GIN index on name_zh with LIKE.
- Latin letters and digits: pinyin (spaced, joined and initial forms, see names.py, stored in
  lower case, so LIKE with the lowered term) and English names (ILIKE, ASCII case folding),
  over pg_trgm indexes. Never `icontains`: it compiles to UPPER(col) LIKE, which no index
  serves. Latin letters inside a Chinese name (NGO发展中心) are found through its English name.
- Chinese terms match case-sensitively (LIKE, strpos), in both forms below.

Each condition comes in two forms. `indexed=True` uses the GIN indexes: for counting matches
and for fetching them when they are few. `indexed=False` is a plain substring test (strpos) that
no GIN index can serve: when matches are many, the directory walks its sort index and stops at
the first 26 matches, and this form keeps the planner on that walk (its row estimate for LIKE
with wildcards is 20-40x too low, which would send it to collect and sort every match).
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db.models import F, Func, Lookup, Q, TextField, Value
from django.db.models.functions import Collate, Lower, StrIndex
from django.db.models.lookups import GreaterThan

from ngo_portal.text import normalize_search, to_simplified

# CJK unified ideographs, extension A and compatibility ideographs, and the supplementary planes.
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
MAX_QUERY_LENGTH = 100
MAX_TERMS = 5


def escape_like(text: str) -> str:
    """Make % _ and \\ match themselves inside a LIKE pattern (backslash is the escape)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _PatternLookup(Lookup):
    """`lhs <operator> rhs` with the pattern passed as a parameter, never interpolated."""

    operator = ""
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} {self.operator} {rhs_sql}", (*lhs_params, *rhs_params)


class Like(_PatternLookup):
    lookup_name = "like_pattern"
    operator = "LIKE"


class ILike(_PatternLookup):
    lookup_name = "ilike_pattern"
    operator = "ILIKE"


class ArrayContains(_PatternLookup):
    lookup_name = "array_contains"
    operator = "@>"


_BIGRAMS = ArrayField(TextField())


class NameBigrams(Func):
    """organization_name_bigrams(name_zh): the expression the GIN index is built on."""

    function = "organization_name_bigrams"
    output_field = _BIGRAMS


@dataclass(frozen=True)
class Term:
    text: str
    chinese: bool
    # The Chinese word in simplified characters when it differs ('基金會' → '基金会').
    simplified: str = ""


def search_terms(query: str) -> list[Term]:
    """'养老 yang lao' → [养老 (Chinese), 'yang lao' (Latin)].

    Chinese words are separate terms; consecutive Latin words stay one phrase, because the
    pinyin column holds the spaced form ('yang lao') as well as the joined one ('yanglao').
    Full-width letters and digits are read as half-width, control characters dropped, and a
    Chinese word is searched in simplified characters as well ('基金會' finds 基金会).
    """
    terms: list[Term] = []
    latin: list[str] = []
    for word in normalize_search((query or "")[:MAX_QUERY_LENGTH]).split():
        if CHINESE.search(word):
            if latin:
                terms.append(Term(" ".join(latin), chinese=False))
                latin = []
            simplified = to_simplified(word)
            terms.append(
                Term(word, chinese=True, simplified=simplified if simplified != word else "")
            )
        else:
            latin.append(word)
    if latin:
        terms.append(Term(" ".join(latin), chinese=False))
    return terms[:MAX_TERMS]


def _contains(expression, text: str):
    return GreaterThan(StrIndex(expression, Value(text)), 0)


def _chinese_condition(text: str, *, indexed: bool) -> Q:
    if not indexed:
        return Q(_contains(F("name_zh"), text))
    pattern = Value(f"%{escape_like(text)}%")
    if len(text) == 2 and all(CHINESE.match(character) for character in text):
        return Q(
            ArrayContains(NameBigrams(F("name_zh")), Value([text], output_field=_BIGRAMS))
        ) & Q(Like(F("name_zh"), pattern))
    # 3+ characters: trigram index. 1 character (or mixed with Latin): LIKE on a scan. Case
    # matters in Chinese terms, as in the strpos form.
    return Q(Like(F("name_zh"), pattern))


def _latin_condition(text: str, *, indexed: bool) -> Q:
    # name_pinyin is stored in lower case: a case-sensitive test of the lowered term is exact
    # and several times cheaper per row than ILIKE. English names need case folding: under the
    # "C" collation PostgreSQL folds ASCII only, 2-3x faster than the locale's rules, which
    # matters on the scans that count frequent terms (the trigram index is built the same way).
    lowered = text.lower()
    english = Collate(F("name_en"), "C")
    if indexed:
        pattern = Value(f"%{escape_like(lowered)}%")
        return Q(Like(F("name_pinyin"), pattern)) | Q(ILike(english, pattern))
    return Q(_contains(F("name_pinyin"), lowered)) | Q(_contains(Lower(english), lowered))


def name_search_condition(query: str, *, indexed: bool = True) -> Q | None:
    """Every term must match (AND); None when the query holds no term."""
    condition = None
    for term in search_terms(query):
        build = _chinese_condition if term.chinese else _latin_condition
        part = build(term.text, indexed=indexed)
        if term.simplified:
            part |= build(term.simplified, indexed=indexed)
        condition = part if condition is None else condition & part
    return condition
