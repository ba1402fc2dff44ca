"""The WSGI app of benchmarks/deadline_day.py --baseline: the site as it was before issue #12's fix,
to measure what the fix changes. Requests keep MariaDB's default isolation level (REPEATABLE READ
unless the server is configured otherwise) and a deadlocked workflow action is not retried."""

import smart_city_contest.concurrency as concurrency
from tests.integration.wsgi import application  # noqa: F401  (served by gunicorn)

concurrency.use_read_committed = lambda *args, **kwargs: None
concurrency.ATTEMPTS = 1
