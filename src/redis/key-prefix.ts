/**
 * Every key of a workspace starts with `{cosell:<workspace>}`. The braces are a Redis Cluster hash tag:
 * all of a workspace's keys hash to one slot, which BullMQ's multi-key Lua scripts (and flows between
 * queues) need, while different workspaces spread over the cluster's shards.
 */
export function workspaceKeyPrefix(workspaceId: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(workspaceId)) {
    throw new TypeError(
      `workspace id "${workspaceId}" cannot name Redis keys: expected lower-case letters, digits and dashes`,
    );
  }
  return `{cosell:${workspaceId}}`;
}

/** A key of the engine's own state (cursors, crosswalk, hashes) under the workspace prefix. */
export function stateKey(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].join(':');
}
