"""The official documents of the contest (申报书 and 推荐汇总表) as PDF and XLSX.

Plain builders: they take plain data (dicts and lists) and return bytes, so they can be tested
without a site. `smart_city_contest.documents.sources` is the only module here that reads
DocTypes; `smart_city_contest.api.documents` serves the results over HTTP.
"""
