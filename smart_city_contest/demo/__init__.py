"""Demo data: a whole edition of the contest built through the real workflow, for evaluation,
screenshots and benchmarks (`bench --site <site> contest-demo`, see README “Demo data”).

content.py, themes.py, places.py  what the edition holds (pure, seeded)
materials.py                      the uploaded files: stamped scans as PDF, screenshots as PNG (pure)
builder.py                        drives the workflow on a site, as each role
cleanup.py                        removes the demo data
summary.py                        reads a demo edition back and reports it

This module stays light: bench imports it (through smart_city_contest.commands) for every command.
"""

DEFAULT_UNITS = 100
MIN_UNITS = 20
DEFAULT_SEED = 2021
DEFAULT_PASSWORD = "Demo@2021"
