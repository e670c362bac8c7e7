'use strict';
// The paginators' guard: an iteration ends with an error, instead of running forever, when the server
// repeats a page, sends an empty page while its totalRows promises more, or would be asked for more
// pages than the first page's totalRows allows (ceil(totalRows / pageSize) + 1: one more than needed,
// for items added while paging; a server whose totalRows grows with every page is stopped there).
const { NcloudError } = require('./error');

function stop(name, action, why) {
  return new NcloudError({ code: 'ERR_DECODE', action, message: `${name}: stopped: ${why}` });
}

/**
 * A guard for one iteration of paginator `name` (of `action`) with `pageSize`. `page(pageNo, items,
 * totalRows, seen)` is called with each page as it arrives (`seen`: the items before it) and throws
 * when it must not be used; `next(pageNo)` before asking for page `pageNo` > 1 and throws when
 * totalRows does not allow it.
 */
function pageGuard(name, action, pageSize) {
  let previous = null;
  let total = null;
  let allowed = null;
  return {
    page(pageNo, items, totalRows, seen) {
      const t = Number(totalRows);
      if (totalRows !== undefined && totalRows !== null && Number.isFinite(t) && t >= 0) {
        total = t;
        if (allowed === null) allowed = { pages: Math.ceil(t / pageSize) + 1, totalRows: t };
      }
      if (items.length === 0 && total !== null && seen < total) {
        throw stop(name, action, `page ${pageNo} is empty, although totalRows says ${total} items and ${seen} came`);
      }
      if (items.length > 0) {
        const text = JSON.stringify(items);
        if (previous !== null && text === previous) {
          throw stop(name, action, `page ${pageNo} repeats page ${pageNo - 1} (the server ignores pageNo?)`);
        }
        previous = text;
      }
    },
    next(pageNo) {
      if (allowed !== null && pageNo > allowed.pages) {
        throw stop(name, action, `page ${pageNo} would be past the ${allowed.pages} pages that totalRows ${allowed.totalRows} (on page 1) allows with pageSize ${pageSize}`);
      }
    },
  };
}

module.exports = { pageGuard };
