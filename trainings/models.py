"""Trainings: programs, sessions, registrations, attendance, certificates, follow-ups."""
