"""An expert review's status: 待评分 until the expert submits the scores (已提交), or 已回避 when the expert
declares a conflict of interest with the project (回避). The one list of them: the Expert Review
DocType's `status` options (tests/unit/test_single_sources.py holds them together), the desk's cards
and the boot (setup/boot.py) read them from here."""

PENDING = "待评分"
SUBMITTED = "已提交"
RECUSED = "已回避"
STATUSES = (PENDING, SUBMITTED, RECUSED)
