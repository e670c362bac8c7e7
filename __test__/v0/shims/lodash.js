'use strict';
// Stand-in for `lodash`, which the getting-started example of the old client requires for `_.random`
// only (an integer from lower to upper, both included).
module.exports = {
  random(lower, upper) {
    return lower + Math.floor(Math.random() * (upper - lower + 1));
  },
};
