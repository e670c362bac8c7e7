'use strict';
// Stand-in for `moment-timezone`, which the old client's monitoring example requires for
// moment().subtract(2, 'day').startOf('day').toDate() and moment().toDate() only (local time).
function moment() {
  const t = new Date();
  const api = {
    subtract(n, unit) {
      if (unit === 'day') t.setDate(t.getDate() - n);
      return api;
    },
    startOf(unit) {
      if (unit === 'day') t.setHours(0, 0, 0, 0);
      return api;
    },
    toDate() {
      return new Date(t.getTime());
    },
  };
  return api;
}
module.exports = moment;
