"""The trainings pages, one module per entity."""
