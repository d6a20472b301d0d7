// Preloaded into each benchmarked process: reports its peak RSS and its CPU
// time (user + system, which other load on a shared machine moves less than
// wall time) on exit, so the bench needs no /usr/bin/time.
'use strict';
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nBENCH_MAXRSS_KB=${u.maxRSS}\nBENCH_CPU_MS=${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}\n`);
});
