"""Shared test settings: hypothesis profiles, chosen with HYPOTHESIS_PROFILE (`make fuzz` uses "long")."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
