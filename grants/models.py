"""Grants: funds, rounds, applications, reviews, awards, reports, campaigns."""
