"""涉及领域: the options of the 申报表's 涉及领域 line, in its order, and the field that holds each.

The one list of them: the Contest Project DocType has a check field per option (its JSON labels
them the same; tests/unit/test_single_sources.py holds the two together), the 申报表 prints them in
this order, the portal's form, the ranking report's filter (through the desk's boot,
contest_setup/editions.boot_session), the statistics and the expert assignment read them from here.
"""

DOMAINS = (  # (field on Contest Project, the official option)
	("domain_industry", "产业与经济发展"),
	("domain_government_service", "政务服务"),
	("domain_urban_management", "城市管理"),
	("domain_social_governance", "社会治理"),
	("domain_other", "其他"),
)
FIELDS = tuple(field for field, _label in DOMAINS)
LABELS = tuple(label for _field, label in DOMAINS)
OTHER_FIELD = "domain_other"  # 其他: its name is written in other_domain_name


def labels_of(values) -> list[str]:
	"""The options a project (a dict or a document) has ticked, in the 申报表's order."""
	return [label for field, label in DOMAINS if values.get(field)]


def field_for(label: str) -> str | None:
	return dict((label, field) for field, label in DOMAINS).get(label)
