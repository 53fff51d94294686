"""Controlled vocabularies shared by profiles, filters, imports and exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ngo_portal.models import Community


class LegalForm(models.TextChoices):
    SOCIAL_GROUP = "social_group", _("social group")
    SOCIAL_SERVICE_ORGANIZATION = "social_service_org", _("social service organization")
    FOUNDATION = "foundation", _("foundation")
    COMMUNITY_GROUP = "community_group", _("unregistered community group")
    BUSINESS_REGISTERED = "business_registered", _("business-registered")


class McaGrade(models.TextChoices):
    A1 = "1A", _("1A")
    A2 = "2A", _("2A")
    A3 = "3A", _("3A")
    A4 = "4A", _("4A")
    A5 = "5A", _("5A")


class GrowthStage(models.TextChoices):
    START_UP = "start_up", _("start-up")
    GROWING = "growing", _("growing")
    MATURE = "mature", _("mature")


# One vocabulary for communities and organizations.
AreaType = Community.AreaType


class ServiceArea(models.TextChoices):
    COMMUNITY_SERVICES = "community_services", _("community services")
    ELDERLY_CARE = "elderly_care", _("elderly care")
    CHILD_WELFARE = "child_welfare", _("child welfare")
    DISABILITY_SERVICES = "disability_services", _("disability services")
    RURAL_REVITALIZATION = "rural_revitalization", _("rural revitalization")
    POVERTY_ALLEVIATION = "poverty_alleviation", _("poverty alleviation")
    HEALTH = "health", _("health")
    MENTAL_HEALTH = "mental_health", _("mental health and counselling")
    EDUCATION = "education", _("education")
    ENVIRONMENT = "environment", _("environment")
    DISASTER_RELIEF = "disaster_relief", _("disaster relief")
    CULTURE_SPORTS = "culture_sports", _("culture and sports")
    LEGAL_AID = "legal_aid", _("legal aid")
    VOLUNTEERING = "volunteering", _("volunteering")
    CAPACITY_BUILDING = "capacity_building", _("NGO capacity building")


class BeneficiaryGroup(models.TextChoices):
    ELDERLY = "elderly", _("elderly people")
    EMPTY_NESTERS = "empty_nesters", _("empty-nesters")
    CHILDREN_IN_DIFFICULTY = "children_in_difficulty", _("children in difficulty")
    PEOPLE_WITH_DISABILITIES = "people_with_disabilities", _("people with disabilities")
    LEFT_BEHIND = "left_behind", _("left-behind people")
    LOW_INCOME = "low_income", _("low-income families")
    DIRE_POVERTY = "dire_poverty", _("people in dire poverty")
    WOMEN = "women", _("women")
    YOUTH = "youth", _("young people")
    MIGRANT_WORKERS = "migrant_workers", _("migrant workers")
    PATIENTS = "patients", _("patients and their families")
    COMMUNITY_RESIDENTS = "community_residents", _("community residents")
    NGOS = "ngos", _("social organizations")


# The funding-source mix: one percentage field per source on Organization, summing to 100.
FUNDING_SOURCES = [
    ("funding_international_pct", _("international")),
    ("funding_government_pct", _("government procurement")),
    ("funding_lottery_pct", _("welfare lottery")),
    ("funding_foundations_pct", _("foundations")),
    ("funding_corporate_pct", _("corporate")),
    ("funding_public_donations_pct", _("public donations")),
    ("funding_earned_income_pct", _("earned income")),
]
