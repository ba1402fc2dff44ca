"""Test data with sensible defaults: every factory returns a dict ready to POST, valid unless told otherwise."""

import random
import uuid
from datetime import datetime, timedelta

from smart_city_contest.rules.deadlines import now_in
from smart_city_contest.rules.uscc import ALPHABET, with_check_digit

EDITION_2021 = "2021年智慧泉城创新应用大赛"
# An edition whose application and recommendation windows are open now (created by tests/conftest.py).
OPEN_EDITION = "测试届次（申报进行中）"


def edition_windows(application_opened_days_ago=30, application_closes_in_days=30, recommendation_closes_in_days=30) -> dict:
	"""Windows around the server's clock in Asia/Shanghai, as naive datetimes (how editions store them)."""
	now = now_in("Asia/Shanghai").replace(microsecond=0)
	application_end = now + timedelta(days=application_closes_in_days)
	deadline = max(now + timedelta(days=recommendation_closes_in_days), application_end)
	review_start = deadline + timedelta(seconds=1)
	return {
		"application_start": now - timedelta(days=application_opened_days_ago),
		"application_end": application_end,
		"recommendation_deadline": deadline,
		"review_start": review_start,
		"review_end": review_start + timedelta(days=30),
		"notice_start": review_start + timedelta(days=31),
		"notice_end": review_start + timedelta(days=45),
	}


def edition_payload(title: str, **windows) -> dict:
	values = {
		"title": title,
		"year": datetime.now().year,
		"city": "济南市",
		"organiser": "济南市工业和信息化局",
		"award_levels": [
			{"award_level": "一等奖", "rank": 1, "quota": 2},
			{"award_level": "二等奖", "rank": 2, "quota": 6},
			{"award_level": "三等奖", "rank": 3, "is_unlimited": 1},
		],
		"scoring_dimensions": [
			{"dimension": "项目基本情况", "weight": 30, "max_score": 100},
			{"dimension": "项目方案及实施情况", "weight": 40, "max_score": 100},
			{"dimension": "项目建设成效", "weight": 30, "max_score": 100},
		],
	}
	values.update(edition_windows())
	values.update(windows)
	return values


def random_uscc(division_code: str = "370102") -> str:
	"""A valid 统一社会信用代码: 91 (工商登记的企业) + division code + 9-character body + check digit."""
	body = "".join(random.choice(ALPHABET) for _ in range(9))
	return with_check_digit(f"91{division_code}{body}")


def unit_payload(**overrides) -> dict:
	tag = uuid.uuid4().hex[:8].upper()
	values = {
		"unit_name": f"济南智慧城市测试科技有限公司{tag}",
		"uscc": random_uscc(),
		"unit_category": "企业",
		"enterprise_nature": "民营",
		"registered_capital": 1000,
		"district": "历下区",
		"address": "济南市历下区经十路1号",
		"legal_representative": "张三",
		"contact_name": "李四",
		"contact_title": "项目经理",
		"contact_phone": "0531-66602617",
		"contact_mobile": "13800000000",
		"contact_email": "contact@example.com",
		"total_assets": 5000,
		"debt_ratio": 35.5,
		"revenue_previous_year": 3000,
		"revenue_current_year": 3600,
		"net_profit_previous_year": 300,
		"net_profit_current_year": -20,
		"unit_profile": "本单位专注于城市数字化治理平台的研发与运营。",
		"decl_local_entity": 1,
		"decl_independent_legal_person": 1,
		"decl_no_environmental_violation": 1,
		"decl_no_safety_accident": 1,
		"decl_not_dishonest": 1,
	}
	values.update(overrides)
	return values


def project_payload(unit: str, **overrides) -> dict:
	values = {
		"contest": OPEN_EDITION,
		"unit": unit,
		"project_name": f"泉城智慧社区治理平台{uuid.uuid4().hex[:8].upper()}",
		"domain_social_governance": 1,
		"domain_urban_management": 1,
		"city_funded": "否",
		"investor_name": "济南智慧城市测试科技有限公司",
		"investment_amount": 1280.5,
		"project_summary": "项目以社区网格为单元，汇聚多源数据，实现事件一网统管。",
		"decl_implemented_in_city": 1,
		"decl_completed": 1,
		"overview": "<p>项目概述。</p>",
		"innovation": "<p>创新性与先进性。</p>",
		"replicability": "<p>可推广性。</p>",
		"background_and_goals": "<p>建设背景和目标。</p>",
		"construction_content": "<p>建设内容。</p>",
		"completion_status": "<p>项目完成情况。</p>",
		"outcomes": "<p>项目成效。</p>",
		"promotion_plan": "<p>下一步推广计划。</p>",
		"project_leader": "王五",
		"leader_phone": "13900000000",
		"period_start": "2020-03-01",
		"period_end": "2021-10-31",
		"indicators": [
			{"level_1": "产出指标", "level_2": "数量指标", "indicator_content": "接入社区数量", "indicator_value": "120个", "completion": "已完成128个"},
			{"level_1": "效益指标", "level_2": "社会效益指标", "indicator_content": "事件平均处置时长", "indicator_value": "缩短30%", "completion": "缩短35%"},
			{"level_1": "社会公众或服务对象满意度指标", "level_2": "具体指标", "indicator_content": "居民满意度", "indicator_value": "≥90%", "completion": "93%"},
		],
	}
	values.update(overrides)
	return values
