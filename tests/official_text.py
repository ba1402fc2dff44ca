"""The official wording the documents must reproduce, copied from the plan's attachments
(../shared/spec/contest-plan-and-templates.zh.txt) — kept apart from the code under test."""

# 附件2 济南市新型智慧城市试点示范项目推荐汇总表: the ten columns in order.
SUMMARY_HEADERS = (
	"序号",
	"项目名称",
	"是否市财政投资",
	"投资主体名称",
	"参赛单位名称",
	"统一社会信用代码",
	"参赛类别",
	"投资金额（单位：万元）",
	"参赛单位联系人",
	"办公电话和手机号",
)
