app_name = "smart_city_contest"
app_title = "智慧泉城创新应用大赛"
app_publisher = "smart_city_contest developers"
app_description = "智慧泉城创新应用大赛：申报、区县推荐、专家评审、评奖公示与官方文书"
app_email = "szhcsjsbgs@jn.shandong.cn"
app_license = "mit"

# Install and migrate: idempotent set-up (districts, the shipped edition) from fixtures/.
after_install = "smart_city_contest.setup.install.after_install"
after_migrate = "smart_city_contest.setup.install.after_migrate"
before_tests = "smart_city_contest.setup.install.before_tests"
