// One call's quota decision, in one Lua script so that it is atomic across rules and replicas. It
// mirrors src/quota/gcra.ts and the memory store's decide(): read every bucket, refuse on the first
// kind that refuses (rate before daily), and write only when every rule allows.
//
// KEYS[i]: the bucket hash of rule i (fields tat, day, count).
// ARGV[3i-2], ARGV[3i-1], ARGV[3i]: emission interval ms, burst, per-day limit ("" when absent).
// Reply: allowed (1/0), refused rule (1-based, 0), kind (1 rate, 2 daily), retryAfterMs, now ms,
// then per rule: rate remaining, rate reset ms (-1 without a rate), day count (-1 without a limit).

/** The Lua source of the quota decision. */
export const QUOTA_CONSUME_LUA = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local DAY = 86400000
local EPS = 1e-6
local day = math.floor(now / DAY)
local midnight = (day + 1) * DAY
local n = #KEYS
local tats, stored, counts, lim = {}, {}, {}, {}
for i = 1, n do
  local v = redis.call('HMGET', KEYS[i], 'tat', 'day', 'count')
  stored[i] = { tat = tonumber(v[1]), day = tonumber(v[2]), count = tonumber(v[3]) }
  local tat = stored[i].tat or now
  if tat < now then tat = now end
  tats[i] = tat
  counts[i] = 0
  if stored[i].day == day then counts[i] = stored[i].count or 0 end
  lim[i] = { T = tonumber(ARGV[3 * i - 2]), b = tonumber(ARGV[3 * i - 1]), d = tonumber(ARGV[3 * i]) }
end
local refused, kind, retry = 0, 0, 0
for i = 1, n do
  local T, b = lim[i].T, lim[i].b
  if T then
    local allowAt = tats[i] + T - b * T
    if allowAt - now > EPS then
      local r = math.max(1, math.ceil(allowAt - now - EPS))
      if r > retry then retry = r; refused = i; kind = 1 end
    end
  end
end
if refused == 0 then
  for i = 1, n do
    if refused == 0 and lim[i].d and counts[i] + 1 > lim[i].d then
      refused = i; kind = 2; retry = math.max(1, math.ceil(midnight - now))
    end
  end
end
local allowed = refused == 0
local out = { allowed and 1 or 0, refused, kind, retry, math.floor(now) }
for i = 1, n do
  local T, b, d = lim[i].T, lim[i].b, lim[i].d
  local rem, reset, cnt, expireAt = -1, -1, -1, 0
  if T then
    local tat = tats[i]
    if allowed then
      tat = tat + T
      redis.call('HSET', KEYS[i], 'tat', string.format('%.3f', tat))
    end
    rem = math.floor((now - (tat - b * T)) / T + EPS)
    if rem < 0 then rem = 0 end
    if rem > b then rem = b end
    reset = math.ceil(tat - now - EPS)
    if reset < 0 then reset = 0 end
    expireAt = tat
  elseif stored[i].tat and stored[i].tat > now then
    expireAt = stored[i].tat
  end
  if d then
    cnt = counts[i]
    if allowed then
      cnt = cnt + 1
      redis.call('HSET', KEYS[i], 'day', string.format('%d', day), 'count', string.format('%d', cnt))
    end
  end
  if (d or stored[i].day == day) and midnight > expireAt then expireAt = midnight end
  if allowed then redis.call('PEXPIREAT', KEYS[i], string.format('%.0f', math.ceil(expireAt))) end
  out[#out + 1] = rem
  out[#out + 1] = reset
  out[#out + 1] = cnt
end
return out
`;
