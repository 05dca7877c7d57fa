-- wrk script: POST /task/execute as a Performer would.
wrk.method = "POST"
wrk.body = '{"taskDefinitionId":0}'
wrk.headers["Content-Type"] = "application/json"
