'use strict';
// The declared paginators (`compute.paginateGetServerImageList` ...: one per read action with a list
// that takes pageNo and pageSize, at the paths the model gives) and their guard: an iteration ends with
// an error, instead of running forever, when the server repeats a page, sends an empty page while its
// totalRows promises more, or would be asked for more pages than the first page's totalRows allows
// (ceil(totalRows / pageSize) + 1: one more than needed, for items added while paging; a server whose
// totalRows grows with every page is stopped there).
const util = require('node:util');
const { NcloudError } = require('./error');
const { callOptions } = require('./call');
const { METHODS, DECLARED } = require('./table');

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

const PAGINATE_OPTIONS = ['pageSize', 'signal'];

/**
 * A declared paginator: an async iterator over the items of every page of a list action, asking
 * `pageSize` items at a time from page 1 and stopping after a short page or `totalRows` items.
 */
function paginate(client, p, params, options) {
  const o = callOptions(options, PAGINATE_OPTIONS);
  const pageSize = o.pageSize ?? DECLARED.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw NcloudError.validation(`'pageSize' must be an integer from 1 to 1000, got ${util.inspect(pageSize)}`);
  }
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    throw NcloudError.validation('The parameters must be given as an object');
  }
  for (const key of ['pageNo', 'pageSize']) {
    if (params && params[key] !== undefined) {
      throw NcloudError.validation(`${p.name} sets '${key}' itself: give the page size as its option { pageSize }`);
    }
  }
  const m = METHODS[p.index];
  return (async function* pages() {
    let seen = 0;
    const guard = pageGuard(p.name, m.action, pageSize);
    for (let pageNo = 1; ; pageNo++) {
      if (pageNo > 1) guard.next(pageNo);
      const res = await client._call(m, { ...params, pageNo, pageSize }, o.signal);
      const items = Array.isArray(res?.[p.list]) ? res[p.list] : [];
      guard.page(pageNo, items, res?.totalRows, seen);
      for (const item of items) yield item;
      seen += items.length;
      const total = Number(res?.totalRows);
      if (items.length < pageSize || (Number.isFinite(total) && seen >= total)) return;
    }
  })();
}

module.exports = { pageGuard, paginate };
