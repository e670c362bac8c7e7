'use strict';
// The declared paginators (`compute.paginateGetServerImageList` ...: one per read action with a list
// that takes pageNo and pageSize, at the paths the model gives) and their guard: an iteration never
// yields an item twice, and ends with an error, instead of running forever, when a page brings no item
// not seen before (a server that ignores pageNo, or shuffles the same items), sends an empty page while
// its totalRows promises more, would be asked for more pages than the first page's totalRows allows
// (ceil(totalRows / pageSize) + 1: one more than needed, for items added while paging), or for more
// than `maxPages` (the core's declaration, 1,000 unless given).
const crypto = require('node:crypto');
const util = require('node:util');
const { NcloudError } = require('./error');
const { callOptions, CALL_OPTIONS } = require('./call');
const { METHODS, DECLARED } = require('./table');

function stop(name, action, why) {
  return new NcloudError({ code: 'ERR_DECODE', action, message: `${name}: stopped: ${why}` });
}

/** An item's identity: a digest of its JSON (the decoder writes fields in the model's order). */
const identity = (item) => crypto.createHash('sha256').update(JSON.stringify(item)).digest('base64');

/**
 * A guard for one iteration of paginator `name` (of `action`) with `pageSize` and `maxPages`.
 * `page(pageNo, items, totalRows, seen)` is called with each page as it arrives (`seen`: the items
 * yielded before it), gives the items not seen before, and throws when the page must not be used;
 * `next(pageNo)` before asking for page `pageNo` > 1 and throws when it must not be asked.
 */
function pageGuard(name, action, pageSize, maxPages = DECLARED.maxPages) {
  const known = new Set();
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
      const fresh = [];
      for (const item of items) {
        const id = identity(item);
        if (known.has(id)) continue;
        known.add(id);
        fresh.push(item);
      }
      if (items.length > 0 && fresh.length === 0) {
        throw stop(name, action, `page ${pageNo} brings no item not seen before (the server ignores pageNo?)`);
      }
      return fresh;
    },
    next(pageNo) {
      if (pageNo > maxPages) {
        throw stop(name, action, `${maxPages} pages (maxPages) came and the server promises more; give { maxPages } to read further`);
      }
      if (allowed !== null && pageNo > allowed.pages) {
        throw stop(name, action, `page ${pageNo} would be past the ${allowed.pages} pages that totalRows ${allowed.totalRows} (on page 1) allows with pageSize ${pageSize}`);
      }
    },
  };
}

/** A paginator's options: its own, and those of each page's call. */
const PAGINATE_OPTIONS = ['pageSize', 'maxPages', ...CALL_OPTIONS];

/**
 * A declared paginator: an async iterator over the items of every page of a list action, asking
 * `pageSize` items at a time from page 1 and stopping after a short page or `totalRows` items, at
 * most `maxPages` pages.
 */
function paginate(client, p, params, options) {
  const o = callOptions(options, PAGINATE_OPTIONS);
  const pageSize = o.pageSize ?? DECLARED.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw NcloudError.validation(`'pageSize' must be an integer from 1 to 1000, got ${util.inspect(pageSize)}`);
  }
  const maxPages = o.maxPages ?? DECLARED.maxPages;
  if (!Number.isSafeInteger(maxPages) || maxPages < 1) {
    throw NcloudError.validation(`'maxPages' must be a positive integer, got ${util.inspect(maxPages)}`);
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
    const guard = pageGuard(p.name, m.action, pageSize, maxPages);
    for (let pageNo = 1; ; pageNo++) {
      if (pageNo > 1) guard.next(pageNo);
      const res = await client._call(m, { ...params, pageNo, pageSize }, o);
      const items = Array.isArray(res?.[p.list]) ? res[p.list] : [];
      const fresh = guard.page(pageNo, items, res?.totalRows, seen);
      for (const item of fresh) yield item;
      seen += fresh.length;
      const total = Number(res?.totalRows);
      if (items.length < pageSize || (Number.isFinite(total) && seen >= total)) return;
    }
  })();
}

module.exports = { pageGuard, paginate, PAGINATE_OPTIONS };
