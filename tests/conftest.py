"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad import nlp as marsad_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return marsad_nlp.load()
