# The registry's fixtures and helpers live in tests/registry/helpers.py (loaded for every test by
# tests/conftest.py); importing them from here keeps `from tests.registry.conftest import …` working.
from tests.registry.helpers import RESIDENT_HEADER, make_id, resident_row, xlsx  # noqa: F401
