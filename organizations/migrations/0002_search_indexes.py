from django.db import migrations

TABLE = "organizations_organization"

# Every 2-character piece of a name: '养老服务' → {养老, 老服, 服务}. A 2-character Chinese term
# yields no trigram, so pg_trgm cannot serve it; containment in this array, over a GIN index, can.
# IMMUTABLE (it only reads its argument) so it may back an index; STRICT so NULL gives NULL.
BIGRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION organization_name_bigrams(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT ARRAY(SELECT substr(name, i, 2) FROM generate_series(1, char_length(name) - 1) AS i)
$$;
"""

# (name, definition). Kept out of Organization.Meta.indexes on purpose: expression indexes over a
# custom SQL function and ICU collations are plain SQL here, and the migration state stays as it is.
INDEXES = [
    # Chinese names, 2-character terms: organization_name_bigrams(name_zh) @> ARRAY['养老'].
    ("org_name_zh_bigrams_idx", "USING gin (organization_name_bigrams(name_zh))"),
    # Chinese names of 3+ characters (LIKE).
    ("org_name_zh_trgm_idx", "USING gin (name_zh gin_trgm_ops)"),
    # Pinyin is stored in lower case and searched with LIKE. English names are searched with
    # ILIKE under the "C" collation (ASCII case folding, 2-3x cheaper per row than the locale's);
    # pg_trgm folds case itself when it extracts trigrams. Never icontains: UPPER(col) LIKE
    # would skip both indexes.
    ("org_name_pinyin_trgm_idx", "USING gin (name_pinyin gin_trgm_ops)"),
    ("org_name_en_trgm_idx", 'USING gin ((name_en COLLATE "C") gin_trgm_ops)'),
    # Sorted keyset pages. Chinese names sort by pinyin through ICU; the keyset predicate uses
    # the same collation expression. The included columns let the directory walk this index
    # alone when it filters by visibility or a name (the walk's id subquery reads nothing else).
    (
        "org_name_sort_idx",
        '((name_zh COLLATE "zh-Hans-x-icu"), id) INCLUDE (name_pinyin, name_en, is_public)',
    ),
    ("org_created_sort_idx", "(created_at, id)"),
    ("org_registration_sort_idx", "((COALESCE(registration_date, DATE '0001-01-01')), id)"),
    # Province / city / county: a prefix of the organization's own code, no join on regions.
    # Names often start with their city (南京市...), so a region's rows cluster in name order and
    # walking the whole-table name index to find them reads far too much: each level gets its
    # own index ordered by name. The included columns let the capped count of a region, alone or
    # with a legal form and the public flag, read the index alone.
    (
        "org_province_name_idx",
        '(left(region_code, 2), (name_zh COLLATE "zh-Hans-x-icu"), id) '
        "INCLUDE (region_code, legal_form, is_public)",
    ),
    (
        "org_city_name_idx",
        '(left(region_code, 4), (name_zh COLLATE "zh-Hans-x-icu"), id) '
        "INCLUDE (region_code, legal_form, is_public)",
    ),
    (
        "org_county_name_idx",
        '(region_code, (name_zh COLLATE "zh-Hans-x-icu"), id) INCLUDE (legal_form, is_public)',
    ),
]


class Migration(migrations.Migration):
    """Indexes for the organization directory's name search, region filters and sorted pages."""

    dependencies = [
        ("organizations", "0001_initial"),
        ("ngo_portal", "0003_regions_and_communities"),
    ]

    operations = [
        migrations.RunSQL(
            BIGRAMS_FUNCTION,
            reverse_sql="DROP FUNCTION IF EXISTS organization_name_bigrams(text);",
        ),
        *(
            migrations.RunSQL(
                f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} {definition};",
                reverse_sql=f"DROP INDEX IF EXISTS {name};",
            )
            for name, definition in INDEXES
        ),
    ]
