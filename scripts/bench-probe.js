// Preloaded into each benchmarked process: reports its peak RSS on exit, so
// the bench needs no /usr/bin/time.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
