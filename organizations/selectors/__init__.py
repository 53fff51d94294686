"""Every non-trivial read of the organizations app, one module per concern; import from here."""

from .coverage import COVERAGE_TARGETS, CoverageReport, community_coverage
from .directory import (
    COUNT_CAP,
    PAGE_SIZE,
    DirectoryPage,
    decode_cursor,
    encode_cursor,
    organization_count_capped,
    organization_directory_page,
    organization_list,
)
from .membership import (
    invitation_deliveries,
    membership_is_requested,
    organization_managers,
    organization_membership_rows,
    organization_team,
    user_organization_list,
)
from .profile import LikelyDuplicates, organization_likely_duplicates, organization_recent_changes

__all__ = [
    "COUNT_CAP",
    "COVERAGE_TARGETS",
    "PAGE_SIZE",
    "CoverageReport",
    "DirectoryPage",
    "LikelyDuplicates",
    "community_coverage",
    "decode_cursor",
    "encode_cursor",
    "invitation_deliveries",
    "membership_is_requested",
    "organization_count_capped",
    "organization_directory_page",
    "organization_likely_duplicates",
    "organization_list",
    "organization_managers",
    "organization_membership_rows",
    "organization_recent_changes",
    "organization_team",
    "user_organization_list",
]
