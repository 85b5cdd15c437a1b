'use strict';
// Makes dynalite refuse what DynamoDB refuses, so a request that passes locally does not fail on
// AWS for a limit. dynalite 4.0.0 counts key and item sizes in characters (DynamoDB counts UTF-8
// bytes), and skips several limits; this module closes those gaps for every client of the local
// cloud (functions, CLI, tests), which all reach this one dynalite over HTTP.
//
// It works inside dynalite rather than re-parsing each request in front of it: the checks run on
// the request dynalite has already parsed and type-checked (no second JSON.parse on the hot path),
// key checks get the table's key schema from dynalite, and UpdateItem's size check measures the
// item dynalite has computed AFTER the update, exactly. The hooks are the exports of
// dynalite/db and dynalite/validations, whose version package-lock.json pins; install() refuses to
// start if one of them is missing, so an upgrade of dynalite cannot silently turn the checks off.
//
// Requests over 16 MB need nothing here: dynalite already answers them 413 without buffering them.
//
// Every refusal is DynamoDB's: HTTP 400, {"__type":"com.amazon.coral.validate#ValidationException",
// "message": <DynamoDB's message>}, so the AWS SDKs raise what they raise against AWS.

const db = require('dynalite/db');
const validations = require('dynalite/validations');

/** DynamoDB's limits, in the units DynamoDB counts them. */
const LIMITS = Object.freeze({
  partitionKeyBytes: 2048,
  sortKeyBytes: 1024,
  itemBytes: 400 * 1024,
  expressionBytes: 4096,
  // A value may sit at most 31 levels below its top-level attribute (the attribute is level 1).
  nestingLevels: 32,
  batchWriteRequests: 25,
  batchGetKeys: 100,
});

const MESSAGES = Object.freeze({
  // "of2048" (no space) is DynamoDB's own spelling.
  partitionKey:
    'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
  sortKey:
    'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
  nesting:
    'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
  batchWriteTotal: 'Too many items requested for the BatchWriteItem call',
  batchGetTotal: 'Too many items requested for the BatchGetItem call',
});

const EXPRESSIONS = [
  'KeyConditionExpression',
  'ConditionExpression',
  'FilterExpression',
  'UpdateExpression',
  'ProjectionExpression',
];

const OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'DeleteItem',
  'GetItem',
  'PutItem',
  'Query',
  'Scan',
  'UpdateItem',
];

let installed = false;

/** Hooks the checks into dynalite; call it before dynalite() serves a request. Idempotent. */
function install() {
  if (installed) return;
  const dbHooks = ['itemSize', 'validateItem', 'validateKey', 'validateKeyPiece', 'queryTable'];
  for (const name of [...dbHooks, 'traverseKey', 'validationError']) {
    requireFunction(db, name, 'dynalite/db');
  }
  requireFunction(validations, 'checkValidations', 'dynalite/validations');
  const typesToOperation = new Map();
  for (const operation of OPERATIONS) {
    const module = require('dynalite/validations/' + operation[0].toLowerCase() + operation.slice(1));
    if (!module || typeof module.types !== 'object') {
      throw new Error(`dynalite/validations/${operation} has no types: dynalite changed`);
    }
    typesToOperation.set(module.types, operation);
  }

  const originalItemSize = db.itemSize;
  // dynalite measures an item with one argument for the 400 KB check (PutItem, BatchWriteItem,
  // and UpdateItem's item after the update); its query paging passes more and keeps its own.
  db.itemSize = function itemSize(item, compress) {
    return compress ? originalItemSize.apply(this, arguments) : itemBytes(item);
  };

  const originalValidateItem = db.validateItem;
  db.validateItem = function validateItem(item, table) {
    return originalValidateItem.apply(this, arguments) || itemKeySizeError(item, table);
  };

  const originalValidateKey = db.validateKey;
  db.validateKey = function validateKey(key, table, keySchema) {
    return (
      originalValidateKey.apply(this, arguments) ||
      db.traverseKey(table, keySchema || table.KeySchema, (attr, type, isHash) =>
        keySizeError(key[attr][type], type, isHash),
      )
    );
  };

  const originalValidateKeyPiece = db.validateKeyPiece;
  db.validateKeyPiece = function validateKeyPiece(key, attr, type, isHash) {
    return (
      originalValidateKeyPiece.apply(this, arguments) ||
      keySizeError(key[attr][type], type, isHash)
    );
  };

  // Query reaches queryTable with its key conditions resolved (expression or legacy form), and
  // DynamoDB refuses a key-condition value that could not be a key.
  const originalQueryTable = db.queryTable;
  db.queryTable = function queryTable(store, table, data) {
    const error = data.KeyConditions && keyConditionSizeError(table, data);
    if (error) return arguments[arguments.length - 1](error);
    return originalQueryTable.apply(this, arguments);
  };

  const originalCheckValidations = validations.checkValidations;
  validations.checkValidations = function checkValidations(data, types) {
    const operation = typesToOperation.get(types);
    const message = operation && requestRefusal(operation, data);
    if (message) throw db.validationError(message);
    return originalCheckValidations.apply(this, arguments);
  };
  installed = true;
}

function requireFunction(module, name, where) {
  if (typeof module[name] !== 'function') {
    throw new Error(`${where}.${name} is not a function: dynalite changed, re-check strict-dynamodb.js`);
  }
}

// --- Sizes, as DynamoDB counts them -------------------------------------------------------------

/** An item's size: each attribute's UTF-8 name plus its value. */
function itemBytes(item) {
  let size = 0;
  for (const name in item) size += Buffer.byteLength(name, 'utf8') + valueBytes(item[name]);
  return size;
}

/** A value's size: strings in UTF-8 bytes, binaries raw, lists and maps with their overheads. */
function valueBytes(value) {
  if (value.S != null) return Buffer.byteLength(value.S, 'utf8');
  if (value.N != null) return numberBytes(value.N);
  if (value.B != null) return base64Bytes(value.B);
  if (value.BOOL != null || value.NULL != null) return 1;
  if (value.SS != null) return sum(value.SS, (s) => Buffer.byteLength(s, 'utf8'));
  if (value.NS != null) return sum(value.NS, numberBytes);
  if (value.BS != null) return sum(value.BS, base64Bytes);
  if (value.L != null) return 3 + sum(value.L, (v) => 1 + valueBytes(v));
  if (value.M != null) {
    let size = 3;
    for (const name in value.M) size += Buffer.byteLength(name, 'utf8') + 1 + valueBytes(value.M[name]);
    return size;
  }
  return 0;
}

/**
 * A number's size: one byte, plus one per two significant digits on each side of the decimal
 * point (leading and trailing zeros trimmed), plus one for a minus sign.
 */
function numberBytes(text) {
  const s = String(text).trim();
  const negative = s[0] === '-';
  let i = negative || s[0] === '+' ? 1 : 0;
  let exponentAt = s.length;
  for (let j = i; j < s.length; j++) {
    if (s[j] === 'e' || s[j] === 'E') {
      exponentAt = j;
      break;
    }
  }
  const exponent = exponentAt < s.length ? Number.parseInt(s.slice(exponentAt + 1), 10) || 0 : 0;
  let digits = '';
  let integerDigits = 0;
  let seenPoint = false;
  for (; i < exponentAt; i++) {
    const c = s[i];
    if (c === '.') seenPoint = true;
    else {
      digits += c;
      if (!seenPoint) integerDigits++;
    }
  }
  let start = 0;
  while (start < digits.length && digits[start] === '0') start++;
  let end = digits.length;
  while (end > start && digits[end - 1] === '0') end--;
  const significant = end - start;
  if (significant === 0) return 1;
  const beforePoint = Math.min(Math.max(integerDigits - start + exponent, 0), significant);
  const afterPoint = significant - beforePoint;
  return Math.ceil(beforePoint / 2) + Math.ceil(afterPoint / 2) + 1 + (negative ? 1 : 0);
}

/** The raw length of a base64 string, without decoding it. */
function base64Bytes(text) {
  const length = text.length;
  if (length === 0) return 0;
  const padding = text[length - 1] === '=' ? (text[length - 2] === '=' ? 2 : 1) : 0;
  return (length / 4) * 3 - padding;
}

function sum(values, size) {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += size(values[i]);
  return total;
}

// --- Keys ---------------------------------------------------------------------------------------

function keyBytes(value, type) {
  if (value == null || type === 'N') return 0; // a number's 38 digits keep it far below the limit
  return type === 'B' ? base64Bytes(value) : Buffer.byteLength(value, 'utf8');
}

function keySizeError(value, type, isHash) {
  const size = keyBytes(value, type);
  if (isHash && size > LIMITS.partitionKeyBytes) return db.validationError(MESSAGES.partitionKey);
  if (!isHash && size > LIMITS.sortKeyBytes) return db.validationError(MESSAGES.sortKey);
  return null;
}

/** The table's key attributes, then every secondary index key present in the item. */
function itemKeySizeError(item, table) {
  const error = db.traverseKey(table, (attr, type, isHash) => keySizeError(item[attr][type], type, isHash));
  if (error) return error;
  for (const index of [...(table.GlobalSecondaryIndexes || []), ...(table.LocalSecondaryIndexes || [])]) {
    for (const element of index.KeySchema) {
      const value = item[element.AttributeName];
      const type = value && attributeType(table, element.AttributeName);
      if (!type || value[type] == null) continue;
      const max = element.KeyType === 'HASH' ? LIMITS.partitionKeyBytes : LIMITS.sortKeyBytes;
      const size = keyBytes(value[type], type);
      if (size > max) {
        return db.validationError(
          'One or more parameter values were invalid: Size limit exceeded for Index Key ' +
            `${element.AttributeName} Actual Size: ${size} bytes Max Size: ${max} bytes IndexName: ${index.IndexName}`,
        );
      }
    }
  }
  return null;
}

function attributeType(table, name) {
  const definition = table.AttributeDefinitions.find((d) => d.AttributeName === name);
  return definition && definition.AttributeType;
}

function keyConditionSizeError(table, data) {
  let keySchema = table.KeySchema;
  if (data.IndexName) {
    const indexes = [...(table.GlobalSecondaryIndexes || []), ...(table.LocalSecondaryIndexes || [])];
    const index = indexes.find((i) => i.IndexName === data.IndexName);
    if (!index) return null;
    keySchema = index.KeySchema;
  }
  return db.traverseKey(table, keySchema, (attr, type, isHash) => {
    const condition = data.KeyConditions[attr];
    for (const value of (condition && condition.AttributeValueList) || []) {
      const error = value && keySizeError(value[type], type, isHash);
      if (error) return error;
    }
    return null;
  });
}

// --- Request-level limits (before dynalite's own validation) ------------------------------------

/** DynamoDB's message for the first limit the request breaks, or null. */
function requestRefusal(operation, data) {
  if (!data || typeof data !== 'object') return null;
  switch (operation) {
    case 'BatchWriteItem':
      return batchWriteRefusal(data.RequestItems);
    case 'BatchGetItem':
      return batchGetRefusal(data.RequestItems);
    default:
      return (
        expressionRefusal(data) ||
        nestingRefusal(data.Item) ||
        nestingRefusal(data.ExpressionAttributeValues) ||
        nestingRefusal(data.ExclusiveStartKey) ||
        attributeUpdatesNestingRefusal(data.AttributeUpdates)
      );
  }
}

function batchWriteRefusal(requestItems) {
  if (!requestItems || typeof requestItems !== 'object') return null;
  let total = 0;
  for (const table in requestItems) {
    const requests = requestItems[table];
    if (!Array.isArray(requests)) continue;
    if (requests.length > LIMITS.batchWriteRequests) {
      const dump = requests.map((_, i) => `com.amazonaws.dynamodb.v20120810.WriteRequest@${i}`).join(', ');
      return (
        `1 validation error detected: Value '{${table}=[${dump}]}' at 'requestItems' failed to ` +
        'satisfy constraint: Map value must satisfy constraint: [Member must have length less ' +
        'than or equal to 25, Member must have length greater than or equal to 1]'
      );
    }
    total += requests.length;
  }
  if (total > LIMITS.batchWriteRequests) return MESSAGES.batchWriteTotal;
  for (const table in requestItems) {
    for (const request of requestItems[table] || []) {
      const message =
        nestingRefusal(request && request.PutRequest && request.PutRequest.Item) ||
        nestingRefusal(request && request.DeleteRequest && request.DeleteRequest.Key);
      if (message) return message;
    }
  }
  return null;
}

function batchGetRefusal(requestItems) {
  if (!requestItems || typeof requestItems !== 'object') return null;
  let total = 0;
  for (const table in requestItems) {
    const keys = requestItems[table] && requestItems[table].Keys;
    if (!Array.isArray(keys)) continue;
    if (keys.length > LIMITS.batchGetKeys) {
      return (
        `1 validation error detected: Value at 'RequestItems.${table}.member.Keys' failed to ` +
        'satisfy constraint: Member must have length less than or equal to 100'
      );
    }
    total += keys.length;
  }
  if (total > LIMITS.batchGetKeys) return MESSAGES.batchGetTotal;
  for (const table in requestItems) {
    const message = expressionRefusal(requestItems[table] || {});
    if (message) return message;
  }
  return null;
}

function expressionRefusal(data) {
  for (const name of EXPRESSIONS) {
    const expression = data[name];
    if (typeof expression !== 'string' || expression.length * 3 <= LIMITS.expressionBytes) continue;
    const size = Buffer.byteLength(expression, 'utf8');
    if (size > LIMITS.expressionBytes) {
      return `Invalid ${name}: Expression size has exceeded the maximum allowed size; expression size: ${size}`;
    }
  }
  return null;
}

function attributeUpdatesNestingRefusal(updates) {
  if (!updates || typeof updates !== 'object') return null;
  for (const name in updates) {
    const update = updates[name];
    if (update && update.Value && depthExceeded(update.Value, 1)) return MESSAGES.nesting;
  }
  return null;
}

/** Refuses a map of attribute values any of whose values nests deeper than DynamoDB allows. */
function nestingRefusal(attributes) {
  if (!attributes || typeof attributes !== 'object') return null;
  for (const name in attributes) {
    if (depthExceeded(attributes[name], 1)) return MESSAGES.nesting;
  }
  return null;
}

function depthExceeded(value, level) {
  if (!value || typeof value !== 'object') return false;
  if (level > LIMITS.nestingLevels) return true;
  if (Array.isArray(value.L)) {
    for (let i = 0; i < value.L.length; i++) if (depthExceeded(value.L[i], level + 1)) return true;
  } else if (value.M && typeof value.M === 'object') {
    for (const name in value.M) if (depthExceeded(value.M[name], level + 1)) return true;
  }
  return false;
}

module.exports = { install, LIMITS, itemBytes, numberBytes };
