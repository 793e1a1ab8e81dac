import "server-only";
import { EventEmitter } from "node:events";
import type Redis from "ioredis";
import { serverEnv } from "@/lib/config/env";
import { log } from "@/lib/log/logger";
import { redisClient } from "@/lib/redis/client";
import { CommandEventSchema, type CommandEvent } from "./event";

export type { CommandEvent, CommandSource } from "./event";

export type CommandListener = (event: CommandEvent) => void;

/** Callable to stop listening; `ready` settles once events published elsewhere will arrive. */
export type Unsubscribe = (() => void) & { ready: Promise<void> };

export interface CommandBus {
  publish(userId: string, event: CommandEvent): Promise<void>;
  subscribe(userId: string, listener: CommandListener): Unsubscribe;
}

function unsubscribeWith(fn: () => void, ready: Promise<void>): Unsubscribe {
  let done = false;
  const out = (() => {
    if (done) return;
    done = true;
    fn();
  }) as Unsubscribe;
  out.ready = ready;
  return out;
}

/** Listeners of one process; a page and the path producing its commands share an instance. */
export class MemoryCommandBus implements CommandBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open page of a user; the default cap of 10 would only warn.
    this.emitter.setMaxListeners(0);
  }

  async publish(userId: string, event: CommandEvent): Promise<void> {
    this.deliver(userId, event);
  }

  /** Also the Redis bus's local fan-out. */
  deliver(userId: string, event: CommandEvent): void {
    for (const listener of this.emitter.listeners(userId) as CommandListener[]) {
      try {
        listener(event);
      } catch (err) {
        log.warn("command listener failed", { error: String(err) });
      }
    }
  }

  subscribe(userId: string, listener: CommandListener): Unsubscribe {
    this.emitter.on(userId, listener);
    return unsubscribeWith(() => this.emitter.off(userId, listener), Promise.resolve());
  }

  listenerCount(userId: string): number {
    return this.emitter.listenerCount(userId);
  }
}

const CHANNEL_PREFIX = "chart-commands:";

/**
 * Redis pub/sub so a command produced on any instance reaches a page connected to any other.
 * One subscriber connection per process (a subscribed connection can run no other commands),
 * subscribed to a user's channel while that user has a page open here.
 */
export class RedisCommandBus implements CommandBus {
  private readonly local = new MemoryCommandBus();
  private readonly subscriber: Redis;
  /** Per channel: the SUBSCRIBE in flight or done. */
  private readonly channels = new Map<string, Promise<void>>();

  constructor(private readonly publisher: Redis) {
    this.subscriber = publisher.duplicate();
    this.subscriber.on("error", (err: Error) => log.warn("command bus subscriber error", { error: err.message }));
    this.subscriber.on("message", (channel: string, raw: string) => this.onMessage(channel, raw));
  }

  async publish(userId: string, event: CommandEvent): Promise<void> {
    await this.publisher.publish(CHANNEL_PREFIX + userId, JSON.stringify(event));
  }

  subscribe(userId: string, listener: CommandListener): Unsubscribe {
    const channel = CHANNEL_PREFIX + userId;
    const localOff = this.local.subscribe(userId, listener);
    let ready = this.channels.get(channel);
    if (!ready) {
      ready = this.subscriber.subscribe(channel).then(
        () => undefined,
        (err: unknown) => {
          this.channels.delete(channel);
          log.warn("command bus subscribe failed", { error: String(err) });
          throw err;
        },
      );
      this.channels.set(channel, ready);
    }
    return unsubscribeWith(() => {
      localOff();
      if (this.local.listenerCount(userId) > 0) return;
      this.channels.delete(channel);
      this.subscriber.unsubscribe(channel).catch((err: unknown) => log.warn("command bus unsubscribe failed", { error: String(err) }));
    }, ready);
  }

  /** Drops the subscriber connection (tests, shutdown); the publisher is shared and stays. */
  async close(): Promise<void> {
    this.channels.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private onMessage(channel: string, raw: string): void {
    if (!channel.startsWith(CHANNEL_PREFIX)) return;
    let parsed;
    try {
      parsed = CommandEventSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      log.warn("command bus dropped a malformed message", { channel });
      return;
    }
    this.local.deliver(channel.slice(CHANNEL_PREFIX.length), parsed.data);
  }
}

/**
 * One bus per process, kept on globalThis: Next may evaluate this module once per route
 * bundle, and the page's stream and the MCP route must meet on the same emitter.
 */
const REGISTRY = Symbol.for("chart-assistant.command-bus");
type Registry = Map<string, CommandBus>;

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  return (g[REGISTRY] ??= new Map());
}

export function commandBus(): CommandBus {
  const url = serverEnv().REDIS_URL;
  const key = url ?? "memory";
  const all = registry();
  let bus = all.get(key);
  if (!bus) {
    bus = url ? new RedisCommandBus(redisClient(url)) : new MemoryCommandBus();
    all.set(key, bus);
  }
  return bus;
}

/** Pushes commands to every page the user has open, on any instance. */
export async function publishToUser(userId: string, event: CommandEvent): Promise<void> {
  await commandBus().publish(userId, event);
}

export function subscribeUser(userId: string, listener: CommandListener): Unsubscribe {
  return commandBus().subscribe(userId, listener);
}
