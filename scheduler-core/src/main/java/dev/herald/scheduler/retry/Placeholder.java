package dev.herald.scheduler.retry;
/** temporary */
final class Placeholder {}
