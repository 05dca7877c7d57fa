-- wrk script: POST /task/execute as a Performer would. BENCH_BODY overrides the body (bench/load.sh sets it for
-- the adapter tasks).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY") or '{"taskDefinitionId":0}'
wrk.headers["Content-Type"] = "application/json"
