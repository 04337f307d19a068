-- POST /v1/route with one short prompt per request; prompts differ in every request (no cache can help).
local topics = {"Write a Python function that reverses a linked list",
                "Translate into French: the weather is nice today",
                "What is the capital city of Australia",
                "Solve for x: 3x + 7 = 22",
                "Summarise the plot of Hamlet in two sentences",
                "Explain why the sky is blue to a child"}
local n = 0
request = function()
  n = n + 1
  local p = topics[(n % #topics) + 1] .. " (case " .. n .. ")"
  local body = '{"prompt":"' .. p .. '"}'
  return wrk.format("POST", "/v1/route", {["Content-Type"]="application/json"}, body)
end
