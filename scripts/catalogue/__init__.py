"""Turns the catalogue in data/ into the pages of the documentation site."""
