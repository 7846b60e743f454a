-- wrk script of bench_requests_of (bench/lib.sh): each thread stops after the number of responses given as argument
local responses = 0
local limit = 0

function init(args)
   limit = tonumber(args[1])
end

function response(status, headers, body)
   responses = responses + 1
   if responses >= limit then
      wrk.thread:stop()
   end
end
