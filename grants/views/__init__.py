"""The grants pages, one module per entity."""
