'use strict';
// The cases of `npm run bench -- peers`. BENCH_SCALE (0, 1] shortens the counts (smoke test).
const SCALE = (() => {
  const v = Number(process.env.BENCH_SCALE ?? 1);
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : 1;
})();
const n = (count) => Math.max(1, Math.round(count * SCALE));

const DETAIL = { serverImageNo: '7000001' };

const CASES = {
  'list10k-json': {
    title: 'getServerImageList, 10,000 images, JSON',
    env: 'vpc', method: 'getServerImageList', params: {}, format: 'json',
    path: '/vserver/v2/getServerImageList', warmup: 1, calls: n(4), inflight: 1,
  },
  'list10k-xml': {
    title: 'getServerImageList, 10,000 images, XML',
    env: 'vpc', method: 'getServerImageList', params: {}, format: 'xml',
    path: '/vserver/v2/getServerImageList', warmup: 1, calls: n(4), inflight: 1,
  },
  'detail-json': {
    title: 'getServerImageDetail, 20k calls, 64 in flight, JSON',
    env: 'vpc', method: 'getServerImageDetail', params: DETAIL, format: 'json',
    path: '/vserver/v2/getServerImageDetail', warmup: n(1000), calls: n(20000), inflight: 64,
  },
  'detail-xml': {
    title: 'getServerImageDetail, 20k calls, 64 in flight, XML',
    env: 'vpc', method: 'getServerImageDetail', params: DETAIL, format: 'xml',
    path: '/vserver/v2/getServerImageDetail', warmup: n(1000), calls: n(20000), inflight: 64,
  },
  'classic-list': {
    title: 'findPrivateImages (Classic list, 2 images), 20k calls, 64 in flight, JSON',
    env: 'classic', method: 'findPrivateImages', params: {}, format: 'json',
    path: '/server/v2/getMemberServerImageList', warmup: n(1000), calls: n(20000), inflight: 64,
  },
  'seq100k': {
    title: 'getServerImageDetail, 100k sequential calls after 10k warm-up, JSON: RSS growth',
    env: 'vpc', method: 'getServerImageDetail', params: DETAIL, format: 'json',
    path: '/vserver/v2/getServerImageDetail', warmup: n(10000), calls: n(100000), inflight: 1, leak: true,
  },
};

module.exports = { CASES, SCALE };
