'use strict';
// Stand-in for the `moment-timezone` calls of the ported 1.x test (NAS rating time range only):
// moment(ms).subtract(n, 'hour').startOf('hour').tz(zone).format('YYYY-MM-DDTHH:mm:ssZZ') in KST.
function moment(ms) {
  let t = ms;
  const api = {
    subtract(n, unit) {
      if (unit === 'hour') t -= n * 3600000;
      return api;
    },
    startOf(unit) {
      if (unit === 'hour') t -= t % 3600000;
      return api;
    },
    tz() {
      return api;
    },
    format() {
      const kst = new Date(t + 9 * 3600000).toISOString().slice(0, 19);
      return `${kst}+0900`;
    },
  };
  return api;
}
module.exports = moment;
