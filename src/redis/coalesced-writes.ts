import type { Redis } from 'ioredis';

/**
 * Commands a process issues in one tick leave in one socket write: ioredis writes each command on its own,
 * and each write to Redis is a system call that also wakes Redis, so commands sent together (a
 * `Promise.all` of reads, a rate-window slot with the budget check) cost one wake-up instead of several.
 * The socket is corked at the tick's first command and uncorked when the tick ends (after the promise
 * callbacks it runs): a command waits for nothing but the code already running.
 * (ioredis's own `enableAutoPipelining` does this by building a pipeline per tick, which copies every
 * script command defined on the connection: measured slower than separate writes.)
 * Installed on every socket the connection opens (a reconnect opens a new one).
 */
export function coalesceWrites(redis: Redis): void {
  redis.on('connect', () => {
    const socket = redis.stream;
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((...args: unknown[]) => {
      if (socket.writableCorked === 0) {
        socket.cork();
        process.nextTick(() => {
          socket.uncork();
        });
      }
      return write(...args);
    });
  });
}
