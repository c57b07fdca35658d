// Small patches to SubQuery's published JavaScript (@subql/node-ethereum 6.5.0, @subql/node-core), applied by
// installSubql.mjs after `npm ci` in indexer/subql and checked by test/subqlPatches.test.ts. Each one is written
// so SubQuery's maintainers could take it as is; each fails loudly when the code it patches has changed.
// Files are replaced by rename (never written in place): node_modules may be hard-linked between checkouts.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const ETHEREUM = "@subql/node-ethereum/dist";
const CORE = "@subql/node-core/dist";

/** `(0, assert_1.default)(cond, new Error(...))` builds the Error on every call, even when cond holds. */
const assertWithBuiltError = /\(0, assert_1\.default\)\((.+), (new (?:Error|NoInitError)\(.*\))\);$/gm;
const throwOnlyWhenFalse = (_match, condition, error) => `if (!(${condition})) throw ${error};`;

export const subqlPatches = [
  {
    name: "chain-interval",
    why: "the chain head was polled every 5 s, a constant; SUBQL_CHAIN_INTERVAL_MS (ms) sets the interval",
    file: `${ETHEREUM}/blockchain.service.js`,
    find: "    async getChainInterval() {\n",
    replace:
      "    async getChainInterval() {\n" +
      "        // caretrail-patch: chain-interval (SUBQL_CHAIN_INTERVAL_MS overrides the 5 s head poll)\n" +
      "        const configuredInterval = Number(process.env.SUBQL_CHAIN_INTERVAL_MS);\n" +
      "        if (Number.isFinite(configuredInterval) && configuredInterval > 0) return configuredInterval;\n",
  },
  {
    name: "assets-cache",
    why: "every log re-read the datasource's ABI file from disk (loadAssets); read it once per datasource",
    file: `${ETHEREUM}/ethereum/api.ethereum.js`,
    find: "async function loadAssets(ds) {\n",
    replace:
      "// caretrail-patch: assets-cache (one read per datasource, not one per log)\n" +
      "const loadedAssets = new WeakMap();\n" +
      "function loadAssets(ds) {\n" +
      "    if (!loadedAssets.has(ds)) {\n" +
      "        loadedAssets.set(ds, readAssets(ds).catch((e) => { loadedAssets.delete(ds); throw e; }));\n" +
      "    }\n" +
      "    return loadedAssets.get(ds);\n" +
      "}\n" +
      "async function readAssets(ds) {\n",
  },
  {
    name: "topic-map",
    why: "ethers 5 parseLog hashes every event signature of the ABI to find a log's event; map topic0 once",
    file: `${ETHEREUM}/ethereum/api.ethereum.js`,
    find: "            log.args = iface?.parseLog(log).args;\n",
    replace: "            log.args = decodeLogArgs(iface, log); // caretrail-patch: topic-map\n",
    append:
      "// caretrail-patch: topic-map. topic0 -> event fragment, built once per interface; the fragment's topic is\n" +
      "// memoised too (decodeEventLog re-hashes it). Unknown topics keep parseLog's behaviour and errors.\n" +
      "const eventsByTopic = new WeakMap();\n" +
      "function decodeLogArgs(iface, log) {\n" +
      "    let events = eventsByTopic.get(iface);\n" +
      "    if (!events) {\n" +
      "        const topicOf = new Map();\n" +
      "        const hashTopic = iface.getEventTopic.bind(iface);\n" +
      "        iface.getEventTopic = (fragment) => {\n" +
      "            if (typeof fragment === 'string') return hashTopic(fragment);\n" +
      "            if (!topicOf.has(fragment)) topicOf.set(fragment, hashTopic(fragment));\n" +
      "            return topicOf.get(fragment);\n" +
      "        };\n" +
      "        events = new Map(Object.values(iface.events).filter((f) => !f.anonymous).map((f) => [iface.getEventTopic(f), f]));\n" +
      "        eventsByTopic.set(iface, events);\n" +
      "    }\n" +
      "    const fragment = events.get(String(log.topics?.[0]).toLowerCase());\n" +
      "    return fragment ? iface.decodeEventLog(fragment, log.data, log.topics) : iface.parseLog(log).args;\n" +
      "}\n",
  },
  {
    name: "lazy-log-args",
    why:
      "every dispatched log was decoded before its handler ran, whether or not the handler read its args; a mapping that decodes " +
      "its block's logs itself paid for every log twice. Args are now decoded when first read",
    file: `${ETHEREUM}/ethereum/api.ethereum.js`,
    find: "            log.args = decodeLogArgs(iface, log); // caretrail-patch: topic-map\n",
    replace: "            defineLazyArgs(log, () => decodeLogArgs(iface, log)); // caretrail-patch: topic-map, lazy-log-args\n",
    append:
      "// caretrail-patch: lazy-log-args. `args` is decoded on first read and kept; a log that does not decode reads as\n" +
      "// undefined args with the same warning parseLog gave. Assigning args (a handler may) replaces the decoded value.\n" +
      "function defineLazyArgs(log, decode) {\n" +
      "    let decoded;\n" +
      "    let settled = false;\n" +
      "    Object.defineProperty(log, 'args', {\n" +
      "        configurable: true,\n" +
      "        enumerable: true,\n" +
      "        get() {\n" +
      "            if (!settled) {\n" +
      "                settled = true;\n" +
      "                try {\n" +
      "                    decoded = decode();\n" +
      "                }\n" +
      "                catch (e) {\n" +
      "                    logger.warn(`Failed to parse log data: ${e.message}`);\n" +
      "                }\n" +
      "            }\n" +
      "            return decoded;\n" +
      "        },\n" +
      "        set(value) {\n" +
      "            settled = true;\n" +
      "            decoded = value;\n" +
      "        },\n" +
      "    });\n" +
      "}\n",
  },
  {
    name: "ssl-fallback-at-once",
    why: "every node start (and every reindex) tried SSL first and, refused by a Postgres without SSL, slept 3 s before trying without it",
    file: `${CORE}/db/db.module.js`,
    find: "            option.dialectOptions = undefined;\n        }\n        if (numRetries > 0) {\n",
    replace:
      "            option.dialectOptions = undefined;\n" +
      "            // caretrail-patch: ssl-fallback-at-once (the server answered: retrying without SSL needs no wait)\n" +
      "            if (numRetries > 0) return establishConnectionSequelize(option, numRetries - 1);\n" +
      "        }\n        if (numRetries > 0) {\n",
  },
  ...["indexer/fetch.service.js", "indexer/blockDispatcher/block-dispatcher.js"].map((file) => ({
    name: `idle-wait:${file}`,
    why:
      "the fetch loop (waiting for a new head) and the block dispatcher (waiting for a queued block) each slept a whole second " +
      "when idle, so a block at the head reached Postgres ~1.9 s after it was mined; SUBQL_IDLE_WAIT_MS (ms) sets the sleep",
    file: `${CORE}/${file}`,
    find: /^( +)await \(0, utils_1\.delay\)\(1\);$/m,
    replace: "$1await (0, utils_1.delay)(idleWaitSeconds());",
    append:
      `// caretrail-patch: idle-wait:${file} (SUBQL_IDLE_WAIT_MS replaces the 1 s sleep of an idle loop)\n` +
      "function idleWaitSeconds() {\n" +
      "    const configuredMs = Number(process.env.SUBQL_IDLE_WAIT_MS);\n" +
      "    return Number.isFinite(configuredMs) && configuredMs > 0 ? configuredMs / 1000 : 1;\n" +
      "}\n",
  })),
  {
    name: "trusted-mapping",
    why:
      "every object crossing into or out of a handler (the log, its block, the entities handed to the store) went through vm2's " +
      "bridge, a third of the node's busy time on a dense chain; SUBQL_TRUSTED_MAPPING=1 runs a local project's own mapping in the " +
      "node's context instead",
    file: `${CORE}/indexer/sandbox.js`,
    find:
      "    async securedExec(funcName, args) {\n" +
      "        this.setGlobal('args', args);\n" +
      "        this.setGlobal('funcName', funcName);\n" +
      "        try {\n" +
      "            await this.runTimeout(this.config.timeout);\n",
    replace:
      "    // caretrail-patch: trusted-mapping. With SUBQL_TRUSTED_MAPPING=1 a local project's mapping runs in the node's own\n" +
      "    // context, with the globals the sandbox would give it (store, cache, logger, api, chainId), instead of behind vm2's\n" +
      "    // bridge. Only for mapping code its operator trusts as much as the node: it gets the node's require and process.\n" +
      "    freeze(value, globalName) {\n" +
      "        (this.trustedGlobals ??= new Map()).set(globalName, value);\n" +
      "        return super.freeze(value, globalName);\n" +
      "    }\n" +
      "    get runsTrusted() {\n" +
      "        return process.env.SUBQL_TRUSTED_MAPPING === '1' && Boolean(this.root);\n" +
      "    }\n" +
      "    async trustedExec(funcName, args) {\n" +
      "        for (const [name, value] of this.trustedGlobals ?? []) {\n" +
      "            if (name !== 'process') globalThis[name] = value;\n" +
      "        }\n" +
      "        this.trustedModule ??= require(path_1.default.resolve(this.root, this.entry));\n" +
      "        const handler = this.trustedModule[funcName];\n" +
      "        if (handler === undefined) {\n" +
      "            const available = JSON.stringify(Object.keys(this.trustedModule));\n" +
      "            throw new Error('Handler function ' + funcName + ' is not found, available functions:' + available);\n" +
      "        }\n" +
      "        const duration = this.config.timeout;\n" +
      "        const message = `Sandbox execution timeout in ${duration} seconds. Please increase --timeout`;\n" +
      "        return (0, promise_1.timeout)(Promise.resolve().then(() => handler(...args)), duration, message);\n" +
      "    }\n" +
      "    async securedExec(funcName, args) {\n" +
      "        if (this.runsTrusted) {\n" +
      "            try {\n" +
      "                return await this.trustedExec(funcName, args);\n" +
      "            }\n" +
      "            catch (e) {\n" +
      "                e.stack = await this.convertStack(e.stack);\n" +
      "                e.handler = funcName;\n" +
      "                throw e;\n" +
      "            }\n" +
      "        }\n" +
      "        this.setGlobal('args', args);\n" +
      "        this.setGlobal('funcName', funcName);\n" +
      "        try {\n" +
      "            await this.runTimeout(this.config.timeout);\n",
  },
  ...["indexer/store.service.js", "indexer/fetch.service.js", "indexer/unfinalizedBlocks.service.js"].map((file) => ({
    name: `assert-without-error:${file}`,
    why: "getters on the hot path (the store's blockHeader, the fetch loop's heights) built an Error per call for an assert",
    file: `${CORE}/${file}`,
    find: assertWithBuiltError,
    replace: throwOnlyWhenFalse,
    marker: "// caretrail-patch: assert-without-error\n",
  })),
];

const markerOf = (patch) => patch.marker ?? `caretrail-patch: ${patch.name}`;

/** The patches whose marker is missing from the installed file (empty when every patch is in place). */
export function unappliedSubqlPatches(nodeModules) {
  return subqlPatches.filter((patch) => {
    const file = path.join(nodeModules, patch.file);
    return !existsSync(file) || !readFileSync(file, "utf8").includes(markerOf(patch));
  });
}

/** Applies every patch not yet applied; throws (naming the patch) when the code to patch is not found. */
export function applySubqlPatches(nodeModules) {
  const applied = [];
  for (const patch of unappliedSubqlPatches(nodeModules)) {
    const file = path.join(nodeModules, patch.file);
    if (!existsSync(file)) throw new Error(`SubQuery patch ${patch.name}: ${file} is missing (did the SubQuery version change?)`);
    const before = readFileSync(file, "utf8");
    const found = typeof patch.find === "string" ? before.includes(patch.find) : patch.find.test(before);
    if (typeof patch.find !== "string") patch.find.lastIndex = 0;
    if (!found) throw new Error(`SubQuery patch ${patch.name}: the code it changes is not in ${file} (did the SubQuery version change?)`);
    let after = before.replace(patch.find, patch.replace);
    if (patch.append) after += `\n${patch.append}`;
    if (patch.marker) after = patch.marker + after;
    if (!after.includes(markerOf(patch))) throw new Error(`SubQuery patch ${patch.name} did not leave its marker in ${file}`);
    const temporary = `${file}.caretrail-patch-${process.pid}`;
    writeFileSync(temporary, after);
    renameSync(temporary, file);
    applied.push(patch.name);
  }
  return applied;
}
