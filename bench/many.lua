-- wrk script of the many-sessions scenarios (bench/run.sh): every request carries one of the cookies of the file given
-- as argument (one "name=value" per line), each thread going round them from its own starting point, so that requests
-- spread over many sessions instead of all sharing one
local cookies = {}
local next_cookie = 1
local threads = 0

function setup(thread)
   thread:set("offset", threads * 7919)
   threads = threads + 1
end

function init(args)
   for line in io.lines(args[1]) do
      if #line > 0 then cookies[#cookies + 1] = line end
   end
   next_cookie = (offset or 0) % #cookies + 1
end

function request()
   local cookie = cookies[next_cookie]
   next_cookie = next_cookie % #cookies + 1
   return wrk.format(nil, nil, { Cookie = cookie })
end
