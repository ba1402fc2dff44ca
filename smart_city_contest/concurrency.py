"""Many users at once (deadline day): the isolation level the app's transactions run at, and a
retry of a whole transaction when MariaDB gives it up as a deadlock victim.

Why READ COMMITTED. Frappe rewrites a document's child rows on every save
(Document.update_child_table): `DELETE FROM <child> WHERE parent=%s AND ... [AND name NOT IN (...)]`,
then one INSERT per new row. At MariaDB's default REPEATABLE READ the DELETE takes next-key (gap)
locks on the child table's `parent` index, even when it deletes nothing; two applicants saving or
submitting at once each hold a gap lock the other's INSERT has to wait for, and InnoDB kills one of
them (QueryDeadlockError, HTTP 500). At READ COMMITTED, InnoDB takes no gap locks for searches and
index scans, so these writes of different documents no longer meet. Nothing in Frappe v15 or in the
app relies on repeatable reads: the app's invariants are held by unique indexes (checked with locks
at every level) and by locking reads of an existing parent row (the edition for awards, the expert
for assignments) taken before counting.

The setup scripts configure MariaDB with `transaction-isolation = READ-COMMITTED`; the hooks below set
it for every web request and background job too, so a bureau's existing MariaDB needs no change.
"""

import functools
import random
import time

import frappe
from frappe.core.doctype.user import user as user_controller

READ_COMMITTED = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"
TRANSIENT_ERRORS = (frappe.QueryDeadlockError, frappe.QueryTimeoutError)
ATTEMPTS = 4


def use_read_committed(*args, **kwargs):
	"""before_request / before_job hook: this connection's transactions run at READ COMMITTED.

	Frappe opens one connection per request (and per job). SET SESSION applies from the next
	transaction on, so the one the session check may already have opened (reads only) is ended with
	a COMMIT (an implicit commit by START TRANSACTION would keep the old level) and a new one begun;
	when something has already written in it (a login), the rest of this request keeps it and every
	later transaction is READ COMMITTED. Frappe's commit callbacks are left for the request's end."""
	db = getattr(frappe.local, "db", None)
	if db is None or db.db_type != "mariadb":
		return
	db.sql(READ_COMMITTED)
	if not db.transaction_writes:
		db.sql("commit")
		db.begin()


def retry_transaction(fn):
	"""Run `fn` as a whole transaction, again (up to ATTEMPTS times, after a short random pause) when
	MariaDB chooses it as a deadlock victim or a lock wait times out.

	Safe only for a function that is the whole transaction of its request: InnoDB has rolled back
	everything on a deadlock (and on a lock wait timeout we roll back the rest ourselves), so the next
	attempt starts from what is committed. When something was already written in this transaction
	before `fn`, nothing is retried (that work would be lost) and the error goes up as before."""

	@functools.wraps(fn)
	def wrapper(*args, **kwargs):
		retry = not frappe.db.transaction_writes
		for attempt in range(1, ATTEMPTS + 1):
			try:
				return fn(*args, **kwargs)
			except TRANSIENT_ERRORS:
				if not retry or attempt == ATTEMPTS:
					raise
				frappe.db.rollback()
				frappe.local.message_log = []
				frappe.local.cache = {}
				frappe.logger("smart_city_contest").warning(
					"%s: transient lock conflict, attempt %s of %s", fn.__qualname__, attempt, ATTEMPTS
				)
				time.sleep(random.uniform(0.02, 0.1) * attempt)

	return wrapper


def serialise_account_saves(doc, method=None):
	"""doc_events User before_validate: accounts are saved one at a time.

	Frappe's User.validate rewrites one global default, `email_user_password` (SELECT ... FOR UPDATE,
	DELETE, INSERT on `tabDefaultValue`). Two accounts created at once lock that key's rows, each
	inserting a new one, in opposite orders, and InnoDB kills one of them (seen at READ COMMITTED as
	at REPEATABLE READ). Locking one fixed row first, the User DocType's own record (which only a
	migration writes; plain reads of it do not wait), makes concurrent account saves queue instead."""
	frappe.db.sql("select name from `tabDocType` where name = 'User' for update")


def write_password_default_when_changed():
	"""Frappe's `user.ask_pass_update`, which User.validate calls on every account save, writing the
	global default only when its value changes.

	Frappe v15 rewrites `email_user_password` (the accounts whose mailbox awaits a password) on every
	save of any account, and rewriting a global default clears the whole site's cache
	(`frappe.defaults._clear_cache` → `frappe.clear_cache()`): every DocType's meta, the hooks, the
	translations, every user's permissions, in every web worker and background worker. On deadline day
	each applicant's registration emptied the cache of the site everyone else was submitting on
	(measured: 395 full clears in 75 s of the security tests, which then ran 1.8 times slower than
	without them). Upstream Frappe fixed this after v15 (frappe/frappe#25626, "perf: dont set
	defaults unless required"). The value, and so what Frappe's desk reads from it, stays the same."""
	from frappe.utils import set_default

	awaiting = ",".join(
		frappe.get_all(
			"User Email", filters={"awaiting_password": 1, "used_oauth": 0}, pluck="parent", distinct=True
		)
	)
	if awaiting != (frappe.db.get_default("email_user_password") or ""):
		set_default("email_user_password", awaiting)


# Put in place when this module is first imported, which is before any account is saved: Frappe
# imports it for the before_request and before_job hooks and for the User before_validate hook above,
# which runs before User.validate. User.validate looks `ask_pass_update` up in its module at call time.
user_controller.ask_pass_update = write_password_default_when_changed
