'use strict';
/**
 * The pure-JavaScript peer of `npm run bench -- peers`: what a careful user writes today without this
 * package. undici's `request` (the library behind Node's fetch, keep-alive; global fetch itself ran
 * 6x slower here, which would flatter us), the API Gateway signature v2 with node:crypto, the form
 * body with URLSearchParams, JSON.parse for JSON and fast-xml-parser for XML, and the same result
 * shapes as the package: the response object without its wrapper (lists always arrays, counts and
 * sizes as numbers, ids as text), and for findPrivateImages the old client's renamed objects.
 */
const crypto = require('node:crypto');
const { request } = require('undici');
const { XMLParser } = require('fast-xml-parser');

/** Fields the API types as numbers (the rest is text). */
const NUMERIC = new Set([
  'totalRows', 'order', 'blockStorageSize', 'iops', 'throughput',
  'memberServerImageBlockStorageTotalRows', 'memberServerImageBlockStorageTotalSize',
  'memberServerImageInstanceBlockStorageTotalRows', 'memberServerImageInstanceBlockStorageTotalSize',
]);
const BOOLEAN = new Set(['isEncryptedVolume']);
/** Lists every item of a list has in the JSON form, even when the XML leaves them out. */
const ITEM_LISTS = { serverImageList: ['blockStorageMappingList', 'sharedLoginIdList'] };

class PureJsClient {
  constructor({ endpoint, accessKey, secretKey, responseFormat = 'json', region = 'KR' }) {
    this.endpoint = endpoint.replace(/\/+$/, '');
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.format = responseFormat;
    this.region = region;
    // List elements are always arrays; values stay text and are typed below.
    this.xml = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: false,
      processEntities: true,
      isArray: (name, jpath) => {
        const parts = jpath.split('.');
        return parts.length >= 2 && parts[parts.length - 2].endsWith('List');
      },
    });
  }

  async call(env, action, params = {}) {
    const prefix = env === 'classic' ? '/server/v2' : '/vserver/v2';
    const requestUri = `${prefix}/${action}?responseFormatType=${this.format}`;
    const timestamp = String(Date.now());
    const signature = crypto
      .createHmac('sha256', this.secretKey)
      .update(`POST ${requestUri}\n${timestamp}\n${this.accessKey}`)
      .digest('base64');
    const form = env === 'vpc' && params.regionCode === undefined ? { regionCode: this.region, ...params } : params;
    const res = await request(this.endpoint + requestUri, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        accept: this.format === 'xml' ? 'application/xml' : 'application/json',
        'x-ncp-apigw-timestamp': timestamp,
        'x-ncp-iam-access-key': this.accessKey,
        'x-ncp-apigw-signature-v2': signature,
      },
      body: new URLSearchParams(form).toString(),
    });
    const text = await res.body.text();
    let body;
    if (this.format === 'xml') {
      const doc = this.xml.parse(text);
      body = typed(doc[`${action}Response`] ?? doc.responseError ?? {});
    } else {
      const doc = JSON.parse(text);
      body = doc[`${action}Response`] ?? doc.responseError ?? doc.error ?? {};
    }
    if (res.statusCode >= 300 || String(body.returnCode) !== '0') {
      const err = new Error(`${action}: HTTP ${res.statusCode} returnCode ${body.returnCode}: ${body.returnMessage}`);
      err.returnCode = body.returnCode;
      throw err;
    }
    return body;
  }

  /** The old client's findPrivateImages: the Classic list, renamed, ids as numbers. */
  async findPrivateImages() {
    const r = await this.call('classic', 'getMemberServerImageList');
    return r.memberServerImageList.map(privateImage);
  }
}

/** XML text tree -> the JSON form: lists as arrays of their items, numbers and booleans typed. */
function typed(v, key) {
  if (Array.isArray(v)) return v.map((x) => typed(x));
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.endsWith('List')) {
        // { item: [...] } or '' for an empty list
        const items = x && typeof x === 'object' ? Object.values(x)[0] ?? [] : [];
        const lists = ITEM_LISTS[k] ?? [];
        out[k] = items.map((i) => {
          const item = typed(i);
          for (const l of lists) item[l] ??= [];
          return item;
        });
      } else {
        out[k] = typed(x, k);
      }
    }
    return out;
  }
  if (NUMERIC.has(key)) return v === '' ? undefined : Number(v);
  if (BOOLEAN.has(key)) return v === 'true';
  return v;
}

const num = (v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);

function privateImage(i) {
  const z = i.zone ?? {};
  const r = i.region ?? {};
  return {
    privateImageNo: num(i.memberServerImageNo),
    privateImageName: i.memberServerImageName,
    privateImageDescription: i.memberServerImageDescription,
    originalServerInstanceNo: num(i.originalServerInstanceNo),
    originalVmFlavorId: i.originalServerProductCode,
    originalServerName: i.originalServerName,
    originalBaseBlockStorageDiskType: i.originalBaseBlockStorageDiskType,
    originalVmImageId: i.originalServerImageProductCode,
    originalOsInformation: i.originalOsInformation,
    originalServerImageName: i.originalServerImageName,
    privateImageStatusName: i.memberServerImageStatusName,
    privateImageStatus: i.memberServerImageStatus,
    privateImageOperation: i.memberServerImageOperation,
    privateImagePlatformType: i.memberServerImagePlatformType,
    createDate: i.createDate,
    region: { regionNo: num(r.regionNo), regionCode: r.regionCode, regionName: r.regionName },
    zone: { zoneNo: num(z.zoneNo), zoneName: z.zoneName, zoneDescription: z.zoneDescription },
    privateImageBlockStorageTotalRows: num(i.memberServerImageBlockStorageTotalRows),
    privateImageBlockStorageTotalSize: num(i.memberServerImageBlockStorageTotalSize),
  };
}

module.exports = { PureJsClient };
