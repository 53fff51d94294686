"""Demo grants drawn from the seed documents: a fund of each source type the seeds name (the MCA
guideline's incubation funds, government service procurement and welfare lotteries; foundations,
corporate giving, the GLI story's international grants), an open round and a decided one, and the
Jiangxi civil-affairs figures as campaigns: the "September 9th – Charity Festival" (9.89 million
yuan from more than 210,000 donors) and rural revitalisation in Nanchang (121 NGOs, 139 projects,
27.54 million yuan), Pingxiang (350 NGOs, 401 projects, 45 million yuan) and Ji'an (116 NGOs).

Idempotent: rows are found by their names and refreshed.
"""

from django.utils import timezone

from ..models import GrantApplication
from .campaigns import seed_campaigns
from .rounds import seed_funds_and_rounds


def seed_grants(*, logins) -> str:
    """Idempotent; `logins` are the demo users by e-mail (the core's seed_demo). Returns the
    line seed_demo prints."""
    funds = seed_funds_and_rounds(logins=logins, today=timezone.localdate())
    campaigns = seed_campaigns()
    return (
        f"{funds} demo funds, 2 funding rounds, {GrantApplication.objects.count()} "
        f"applications, {campaigns} campaigns."
    )
