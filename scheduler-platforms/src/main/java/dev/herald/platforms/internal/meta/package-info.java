/**
 * What the Instagram and Facebook adapters share: the Graph API error envelope ({@link
 * dev.herald.platforms.internal.meta.GraphError}) and the usage headers ({@link
 * dev.herald.platforms.internal.meta.MetaUsage}). Not exported.
 */
package dev.herald.platforms.internal.meta;
